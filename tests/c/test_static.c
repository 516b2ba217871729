/*
 * Links libsoftone_go.a statically (no libsoftone_go.so at run time) and fetches the
 * vendor document's example from the simulator. Prints "N passed, M failed" last.
 */
#include "softone_go.h"

#include <stdio.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond, what)                                              \
    do {                                                               \
        if (cond) {                                                    \
            passed++;                                                  \
        } else {                                                       \
            failed++;                                                  \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what); \
        }                                                              \
    } while (0)

int main(void) {
    softone_simulator_options so;
    softone_simulator *sim = NULL;
    softone_client_options o;
    softone_client *client = NULL;
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    const char *employees[] = {"107"};

    CHECK(softone_version() != NULL && strlen(softone_version()) > 0, "version");
    CHECK(softone_simulator_options_init(&so, NULL) == SOFTONE_OK, "simulator options");
    CHECK(softone_simulator_start(&so, &sim, &err) == SOFTONE_OK, "simulator start");
    CHECK(softone_client_options_init(&o, NULL) == SOFTONE_OK, "client options");
    CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "simulator credentials");
    CHECK(softone_client_new(&o, &client, &err) == SOFTONE_OK, "client");
    CHECK(softone_time_stamp_entries(client, "2026-05-07", "2026-05-07", employees, 1, &list, &err) == SOFTONE_OK,
          "fetch");
    CHECK(softone_entry_list_len(list) == 6, "six punches of employee 107");
    CHECK(list != NULL && list->len > 0 && strcmp(list->entries[0].employee_nr, "107") == 0, "employee 107");
    if (err) fprintf(stderr, "error: %s\n", softone_error_message(err));
    softone_entry_list_free(list);
    softone_error_free(err);
    softone_client_free(client);
    softone_simulator_free(sim);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
