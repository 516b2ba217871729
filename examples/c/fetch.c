/*
 * softone-go from C: fetch employee 107's punches on 2026-05-07 and print them.
 *
 * With SOFTONE_COMPANY_API_KEY set, it uses the real service and the SOFTONE_* variables
 * (softone_client_from_env); otherwise it starts the bundled simulator.
 *
 *   cc -std=c11 -Iinclude examples/c/fetch.c -Ltarget/release -lsoftone_go -o fetch
 *   LD_LIBRARY_PATH=target/release ./fetch
 */
#include "softone_go.h"

#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, softone_status status, softone_error *err) {
    fprintf(stderr, "%s failed (%s): %s\n", what, softone_status_name((int32_t)status),
            err ? softone_error_message(err) : "");
    softone_error_free(err);
    return 1;
}

static const char *type_name(softone_entry_type t) {
    switch (t) {
    case SOFTONE_ENTRY_TYPE_IN: return "In";
    case SOFTONE_ENTRY_TYPE_OUT: return "Out";
    default: return "Unknown";
    }
}

int main(void) {
    softone_simulator *sim = NULL;
    softone_client *client = NULL;
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    softone_status st;
    const char *employees[] = {"107"};
    int rc = 0;

    if (getenv("SOFTONE_COMPANY_API_KEY") != NULL) {
        st = softone_client_from_env(&client, &err);
        if (st != SOFTONE_OK) return fail("softone_client_from_env", st, err);
    } else {
        softone_simulator_options so;
        softone_client_options o;
        (void)softone_simulator_options_init(&so, NULL);
        st = softone_simulator_start(&so, &sim, &err);
        if (st != SOFTONE_OK) return fail("softone_simulator_start", st, err);
        printf("simulator at %s\n", softone_simulator_url(sim));
        (void)softone_client_options_init(&o, NULL);
        (void)softone_simulator_client_options(sim, &o, NULL);
        st = softone_client_new(&o, &client, &err);
        if (st != SOFTONE_OK) {
            softone_simulator_free(sim);
            return fail("softone_client_new", st, err);
        }
    }

    st = softone_time_stamp_entries(client, "2026-05-07", "2026-05-07", employees, 1, &list, &err);
    if (st != SOFTONE_OK) {
        rc = fail("softone_time_stamp_entries", st, err);
    } else {
        printf("%-8s  %-27s  %-7s  %-5s  %s\n", "employee", "time stamp", "type", "break", "terminal");
        for (size_t i = 0; i < list->len; i++) {
            const softone_entry *e = &list->entries[i];
            char terminal[24] = "-";
            if (e->has_time_terminal_id) snprintf(terminal, sizeof terminal, "%lld", (long long)e->time_terminal_id);
            printf("%-8s  %-27s  %-7s  %-5s  %s\n", e->employee_nr, e->time_stamp_iso, type_name(e->entry_type),
                   e->is_break ? "yes" : "no", terminal);
        }
        printf("%zu entries\n", list->len);
    }
    softone_entry_list_free(list);
    softone_client_free(client);
    softone_simulator_free(sim);
    return rc;
}
