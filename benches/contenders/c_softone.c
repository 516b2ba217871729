/* This library's C API, fetching the whole range in one request (the cost of the C layer). */
#define _POSIX_C_SOURCE 199309L
#include "softone_go.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *env(const char *k) {
    const char *v = getenv(k);
    if (!v) {
        fprintf(stderr, "%s is not set\n", k);
        exit(2);
    }
    return v;
}

static int fail(softone_error *err) {
    fprintf(stderr, "%s\n", softone_error_message(err));
    softone_error_free(err);
    return 1;
}

int main(void) {
    softone_client_options o;
    softone_client *client = NULL;
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    const char *employees[] = {"107"};
    struct timespec a, b;

    if (softone_client_options_init(&o, &err) != SOFTONE_OK) return fail(err);
    o.company_api_key = env("SOFTONE_COMPANY_API_KEY");
    o.connect_api_key = env("SOFTONE_CONNECT_API_KEY");
    o.license = env("SOFTONE_LICENSE");
    o.username = env("SOFTONE_USERNAME");
    o.password = env("SOFTONE_PASSWORD");
    o.base_url = env("SOFTONE_BASE_URL");
    o.chunk_days = 0;
    if (softone_client_new(&o, &client, &err) != SOFTONE_OK) return fail(err);
    /* login and connection, outside the measured span */
    if (softone_time_stamp_entries(client, "2026-05-07", "2026-05-07", employees, 1, &list, &err) != SOFTONE_OK)
        return fail(err);
    softone_entry_list_free(list);
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (softone_time_stamp_entries(client, env("BENCH_DATE_FROM"), env("BENCH_DATE_TO"), NULL, 0, &list, &err) !=
        SOFTONE_OK)
        return fail(err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("{\"seconds\": %.6f, \"entries\": %zu}\n",
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, list->len);
    softone_entry_list_free(list);
    softone_client_free(client);
    return 0;
}
