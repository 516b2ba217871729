/*
 * C tests of the softone-go C ABI (include/softone_go.h), run under valgrind by
 * tests/c/run.sh: every conformance fixture, every status from a real provoked failure,
 * NULL and invalid-UTF-8 inputs on every function, 8 threads sharing one client, and
 * everything freed. Usage: test_softone FIXTURE_LINES_FILE
 * (the file is made by tests/c/fixtures_to_lines.py from the JSON fixtures in tests/fixtures).
 * Prints "N passed, M failed" last; exits 1 on any failure.
 */
#define _POSIX_C_SOURCE 200809L

#include "softone_go.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int passed;
static int failed;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

/* Record one check; print what was expected when it fails. */
#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        int ok_ = (cond) ? 1 : 0;                                            \
        pthread_mutex_lock(&count_lock);                                     \
        if (ok_) {                                                           \
            passed++;                                                        \
        } else {                                                             \
            failed++;                                                        \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
        pthread_mutex_unlock(&count_lock);                                   \
    } while (0)

static const char *str_or(const char *s) { return s ? s : "(null)"; }

static int streq(const char *a, const char *b) {
    if (a == NULL || b == NULL) return a == b;
    return strcmp(a, b) == 0;
}

/* The fake, fixed credentials of the simulator, to check that no error shows them. */
static char secret_company[128], secret_connect[128], secret_password[128];

static int shows_secret(const char *text) {
    if (text == NULL) return 0;
    return strstr(text, secret_company) != NULL || strstr(text, secret_connect) != NULL ||
           strstr(text, secret_password) != NULL;
}

static softone_simulator *sim;

/* A client of the simulator with chunk_days, retries and timeout as given. */
static softone_client *sim_client(unsigned chunk_days, unsigned max_retries, uint64_t timeout_ms) {
    softone_client_options o;
    softone_client *c = NULL;
    softone_error *err = NULL;
    CHECK(softone_client_options_init(&o, NULL) == SOFTONE_OK, "options_init");
    CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "simulator_client_options");
    o.chunk_days = chunk_days;
    o.max_retries = max_retries;
    o.backoff_base_ms = 10;
    o.backoff_cap_ms = 50;
    if (timeout_ms) o.timeout_ms = timeout_ms;
    softone_status st = softone_client_new(&o, &c, &err);
    CHECK(st == SOFTONE_OK && c != NULL, "client_new: %s", str_or(softone_error_message(err)));
    softone_error_free(err);
    return c;
}

static void inject(const char *json) {
    softone_error *err = NULL;
    softone_status st = softone_simulator_inject_json(sim, json, &err);
    CHECK(st == SOFTONE_OK, "inject %s: %s", json, str_or(softone_error_message(err)));
    softone_error_free(err);
}

/* Fetch one day for one employee (NULL: all); returns the status, stores list and error. */
static softone_status fetch1(const softone_client *c, const char *date, const char *emp,
                             softone_entry_list **list, softone_error **err) {
    const char *emps[1];
    emps[0] = emp;
    return softone_time_stamp_entries(c, date, date, emp ? emps : NULL, emp ? 1 : 0, list, err);
}

/* ------------------------------------------------------------------ basics */

static void test_version_and_names(void) {
    const char *v = softone_version();
    CHECK(v != NULL && strlen(v) >= 5 && strchr(v, '.') != NULL, "version looks like x.y.z: %s", str_or(v));
    CHECK(streq(softone_status_name(SOFTONE_OK), "OK"), "status name OK");
    CHECK(streq(softone_status_name(SOFTONE_ERR_INVALID_ARGUMENT), "INVALID_ARGUMENT"), "status name");
    CHECK(streq(softone_status_name(SOFTONE_ERR_RATE_LIMITED), "RATE_LIMITED"), "status name");
    CHECK(streq(softone_status_name(SOFTONE_ERR_CANCELLED), "CANCELLED"), "status name");
    CHECK(streq(softone_status_name(99), "UNKNOWN"), "status name of a non-status");
    softone_client_options o;
    memset(&o, 0xAB, sizeof o);
    CHECK(softone_client_options_init(&o, NULL) == SOFTONE_OK, "options_init");
    CHECK(o.company_api_key == NULL && o.base_url == NULL && o.token == NULL, "init clears strings");
    CHECK(o.timeout_ms == 60000 && o.connect_timeout_ms == 10000, "init timeouts");
    CHECK(o.max_retries == 3 && o.chunk_days == 7 && o.max_concurrency == 4, "init numbers");
    CHECK(!o.allow_insecure_http && !o.no_proxy, "init flags");
}

static void test_document_example(void) {
    softone_client *c = sim_client(7, 0, 0);
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    softone_status st = fetch1(c, "2026-05-07", "107", &list, &err);
    CHECK(st == SOFTONE_OK && err == NULL, "fetch 107: %s", str_or(softone_error_message(err)));
    CHECK(softone_entry_list_len(list) == 6, "employee 107 has six punches on 2026-05-07, got %zu",
          softone_entry_list_len(list));
    CHECK(list != NULL && list->len == softone_entry_list_len(list), "len field equals accessor");
    for (size_t i = 0; list && i < list->len; i++) {
        const softone_entry *e = softone_entry_list_get(list, i);
        CHECK(e == &list->entries[i], "get returns the array element");
        CHECK(streq(e->employee_nr, "107"), "employee_nr 107");
        CHECK(e->time_stamp.year == 2026 && e->time_stamp.month == 5 && e->time_stamp.day == 7,
              "work date 2026-05-07: %s", e->time_stamp_iso);
        CHECK(!e->time_stamp.has_utc_offset && e->time_stamp.utc_offset_seconds == 0, "naive time");
        CHECK(strncmp(e->time_stamp_iso, "2026-05-07T", 11) == 0, "iso %s", e->time_stamp_iso);
        if (i > 0) CHECK(strcmp(list->entries[i - 1].time_stamp_iso, e->time_stamp_iso) <= 0, "sorted by time");
    }
    CHECK(softone_entry_list_get(list, 6) == NULL, "get out of range is NULL");
    softone_entry_list_free(list);
    softone_error_free(err);

    /* 101 on 2026-05-06: no punches, an empty list (not NULL). */
    list = NULL;
    st = fetch1(c, "2026-05-06", "101", &list, NULL);
    CHECK(st == SOFTONE_OK && list != NULL && list->len == 0, "101 on 2026-05-06 is empty");
    softone_entry_list_free(list);

    /* An empty non-NULL employee array asks for nobody. */
    const char *none[1] = {"unused"};
    list = NULL;
    st = softone_time_stamp_entries(c, "2026-05-07", "2026-05-07", none, 0, &list, NULL);
    CHECK(st == SOFTONE_OK && list != NULL && list->len == 0, "empty employee array fetches nothing");
    softone_entry_list_free(list);
    softone_client_free(c);
}

/* ------------------------------------------------------------------ fixtures */

/* Decode a line value in place: "=" text with %XX escapes, or "-" for null (returns NULL). */
static char *decode_value(char *v) {
    if (strcmp(v, "-") == 0) return NULL;
    if (v[0] != '=') return v;
    char *src = v + 1, *dst = v;
    while (*src) {
        if (src[0] == '%' && src[1] && src[2]) {
            char hex[3] = {src[1], src[2], 0};
            *dst++ = (char)strtol(hex, NULL, 16);
            src += 3;
        } else {
            *dst++ = *src++;
        }
    }
    *dst = 0;
    return v;
}

struct line {
    char *buf;
    size_t cap;
    char *tag;
    char *value;
};

/* Read the next non-comment line into tag and value; 0 at end of file. */
static int next_line(FILE *f, struct line *l) {
    for (;;) {
        ssize_t n = getline(&l->buf, &l->cap, f);
        if (n < 0) return 0;
        while (n > 0 && (l->buf[n - 1] == '\n' || l->buf[n - 1] == '\r')) l->buf[--n] = 0;
        if (n == 0 || l->buf[0] == '#') continue;
        l->tag = l->buf;
        char *sp = strchr(l->buf, ' ');
        if (sp) {
            *sp = 0;
            l->value = sp + 1;
        } else {
            l->value = l->buf + n;
        }
        return 1;
    }
}

static long opt_long(const char *v, int *has) {
    *has = strcmp(v, "-") != 0;
    return *has ? atol(v) : 0;
}

static const char *entry_type_name(softone_entry_type t) {
    switch (t) {
    case SOFTONE_ENTRY_TYPE_IN: return "In";
    case SOFTONE_ENTRY_TYPE_OUT: return "Out";
    case SOFTONE_ENTRY_TYPE_UNKNOWN: return "Unknown";
    }
    return "?";
}

static void test_fixtures(const char *path, softone_client *c) {
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "open fixture file %s", path);
    if (!f) return;
    struct line l = {0};
    char name[256] = "", from[64] = "", to[64] = "";
    char *emps[64];
    size_t n_emps = 0;
    int all = 1, cases = 0;
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    softone_status st = SOFTONE_OK;
    const softone_entry *e = NULL;
    size_t acc_i = 0, code_i = 0;
    int in_accounts = 0;
    while (next_line(f, &l)) {
        char *v = l.value;
        if (strcmp(l.tag, "case") == 0) {
            snprintf(name, sizeof name, "%s", decode_value(v));
            cases++;
        } else if (strcmp(l.tag, "from") == 0) {
            snprintf(from, sizeof from, "%s", decode_value(v));
        } else if (strcmp(l.tag, "to") == 0) {
            snprintf(to, sizeof to, "%s", decode_value(v));
        } else if (strcmp(l.tag, "employees") == 0) {
            all = strcmp(v, "-") == 0;
            n_emps = 0;
        } else if (strcmp(l.tag, "employee") == 0) {
            if (n_emps < 64) emps[n_emps++] = strdup(decode_value(v));
        } else if (strcmp(l.tag, "inject") == 0) {
            inject(decode_value(v));
        } else if (strcmp(l.tag, "fetch") == 0) {
            st = softone_time_stamp_entries(c, from, to, all ? NULL : (const char *const *)emps, all ? 0 : n_emps,
                                            &list, &err);
        } else if (strcmp(l.tag, "expect_error") == 0) {
            CHECK(st != SOFTONE_OK && list == NULL, "[%s] fails", name);
            CHECK(streq(softone_status_name(st), v), "[%s] status %s, expected %s", name, softone_status_name(st), v);
            CHECK(softone_error_status(err) == st, "[%s] error status equals return", name);
            CHECK(softone_error_message(err) && strlen(softone_error_message(err)) > 0, "[%s] has a message", name);
        } else if (strcmp(l.tag, "error_index") == 0) {
            int has;
            long idx = opt_long(v, &has);
            CHECK(softone_error_entry_index(err) == (has ? idx : -1), "[%s] entry index %lld, expected %s", name,
                  (long long)softone_error_entry_index(err), v);
        } else if (strcmp(l.tag, "error_field") == 0) {
            const char *want = decode_value(v);
            CHECK(streq(softone_error_field(err), want), "[%s] field %s, expected %s", name,
                  str_or(softone_error_field(err)), str_or(want));
        } else if (strcmp(l.tag, "entries") == 0) {
            CHECK(st == SOFTONE_OK, "[%s] succeeds: %s", name, str_or(softone_error_message(err)));
            CHECK(softone_entry_list_len(list) == (size_t)atol(v), "[%s] %zu entries, expected %s", name,
                  softone_entry_list_len(list), v);
        } else if (strcmp(l.tag, "entry") == 0) {
            e = softone_entry_list_get(list, (size_t)atol(v));
            acc_i = code_i = 0;
            in_accounts = 0;
        } else if (e == NULL) {
            if (strcmp(l.tag, "end") != 0) continue; /* entry missing: already reported by the count */
        } else if (strcmp(l.tag, "employee_nr") == 0) {
            CHECK(streq(e->employee_nr, decode_value(v)), "[%s] employee_nr %s", name, e->employee_nr);
        } else if (strcmp(l.tag, "employee_external_code") == 0) {
            const char *want = decode_value(v);
            CHECK(streq(e->employee_external_code, want), "[%s] external code %s, expected %s", name,
                  str_or(e->employee_external_code), str_or(want));
        } else if (strcmp(l.tag, "time_stamp") == 0) {
            const char *want = decode_value(v);
            CHECK(streq(e->time_stamp_iso, want), "[%s] time_stamp %s, expected %s", name, e->time_stamp_iso, want);
        } else if (strcmp(l.tag, "ts") == 0) {
            long y, mo, d, h, mi, s, ns, has, off;
            int n = sscanf(v, "%ld %ld %ld %ld %ld %ld %ld %ld %ld", &y, &mo, &d, &h, &mi, &s, &ns, &has, &off);
            const softone_timestamp *t = &e->time_stamp;
            CHECK(n == 9 && t->year == y && (long)t->month == mo && (long)t->day == d && (long)t->hour == h &&
                      (long)t->minute == mi && (long)t->second == s && (long)t->nanosecond == ns &&
                      (long)t->has_utc_offset == has && t->utc_offset_seconds == off,
                  "[%s] calendar fields of %s: %d-%u-%u %u:%u:%u.%u off %d/%d, expected %s", name, e->time_stamp_iso,
                  t->year, t->month, t->day, t->hour, t->minute, t->second, t->nanosecond, t->has_utc_offset,
                  t->utc_offset_seconds, v);
        } else if (strcmp(l.tag, "entry_type") == 0) {
            CHECK(streq(entry_type_name(e->entry_type), v), "[%s] entry type %s, expected %s", name,
                  entry_type_name(e->entry_type), v);
        } else if (strcmp(l.tag, "is_break") == 0) {
            CHECK(e->is_break == (atoi(v) != 0), "[%s] is_break", name);
        } else if (strcmp(l.tag, "account_nr") == 0 && !in_accounts) {
            const char *want = decode_value(v);
            CHECK(streq(e->account_nr, want), "[%s] account_nr %s, expected %s", name, str_or(e->account_nr),
                  str_or(want));
        } else if (strcmp(l.tag, "sie_account_dim") == 0) {
            int has;
            long d = opt_long(v, &has);
            CHECK(e->has_sie_account_dim == has && e->sie_account_dim == d, "[%s] sie_account_dim", name);
        } else if (strcmp(l.tag, "time_terminal_id") == 0) {
            int has;
            long d = opt_long(v, &has);
            CHECK(e->has_time_terminal_id == has && e->time_terminal_id == d, "[%s] time_terminal_id", name);
        } else if (strcmp(l.tag, "accounts") == 0) {
            CHECK(e->account_count == (size_t)atol(v), "[%s] %zu accounts, expected %s", name, e->account_count, v);
            acc_i = 0;
            in_accounts = 1;
        } else if (strcmp(l.tag, "account_nr") == 0) {
            const char *want = decode_value(v);
            if (acc_i < e->account_count)
                CHECK(streq(e->accounts[acc_i].account_nr, want), "[%s] accounts[%zu].account_nr %s, expected %s",
                      name, acc_i, str_or(e->accounts[acc_i].account_nr), str_or(want));
        } else if (strcmp(l.tag, "account_dim") == 0) {
            int has;
            long d = opt_long(v, &has);
            if (acc_i < e->account_count)
                CHECK(e->accounts[acc_i].has_sie_account_dim == has && e->accounts[acc_i].sie_account_dim == d,
                      "[%s] accounts[%zu].sie_account_dim", name, acc_i);
            acc_i++;
        } else if (strcmp(l.tag, "codes") == 0) {
            CHECK(e->time_schedule_type_code_count == (size_t)atol(v), "[%s] %zu codes, expected %s", name,
                  e->time_schedule_type_code_count, v);
            code_i = 0;
            in_accounts = 0;
        } else if (strcmp(l.tag, "code") == 0) {
            const char *want = decode_value(v);
            if (code_i < e->time_schedule_type_code_count)
                CHECK(streq(e->time_schedule_type_codes[code_i], want), "[%s] code %s, expected %s", name,
                      e->time_schedule_type_codes[code_i], want);
            code_i++;
        }
        if (strcmp(l.tag, "end") == 0) {
            softone_entry_list_free(list);
            softone_error_free(err);
            list = NULL;
            err = NULL;
            e = NULL;
            for (size_t i = 0; i < n_emps; i++) free(emps[i]);
            n_emps = 0;
        }
    }
    free(l.buf);
    fclose(f);
    CHECK(cases >= 16, "ran every fixture (%d cases)", cases);
}

/* ------------------------------------------------------------------ statuses */

static void expect_status(softone_status st, softone_error *err, softone_status want, const char *what) {
    CHECK(st == want, "%s: status %s, expected %s (%s)", what, softone_status_name(st), softone_status_name(want),
          str_or(softone_error_message(err)));
    CHECK(softone_error_status(err) == want, "%s: error object status", what);
    CHECK(softone_error_message(err) != NULL && strlen(softone_error_message(err)) > 0, "%s: message", what);
    CHECK(!shows_secret(softone_error_message(err)) && !shows_secret(softone_error_url(err)) &&
              !shows_secret(softone_error_server_message(err)),
          "%s: no secret in the error", what);
}

struct canceller {
    softone_cancel_token *token;
    int delay_ms;
};

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void *cancel_later(void *arg) {
    struct canceller *c = arg;
    sleep_ms(c->delay_ms);
    CHECK(softone_cancel_token_cancel(c->token, NULL) == SOFTONE_OK, "cancel");
    return NULL;
}

static void test_statuses(void) {
    softone_client *c = sim_client(0, 0, 0);
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    softone_status st;

    /* invalid argument: bad dates, reversed range, bad employee, bad options */
    const char *bad_dates[] = {"2026-02-30", "2026-05-07T08:00:00", "07/05/2026", "", "2026-5-7"};
    for (size_t i = 0; i < sizeof bad_dates / sizeof *bad_dates; i++) {
        st = fetch1(c, bad_dates[i], "107", &list, &err);
        expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, bad_dates[i]);
        CHECK(list == NULL, "no list on failure");
        CHECK(softone_error_http_status(err) == 0, "no HTTP status before I/O");
        softone_error_free(err);
    }
    st = softone_time_stamp_entries(c, "2026-05-08", "2026-05-07", NULL, 0, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "reversed range");
    softone_error_free(err);
    st = fetch1(c, "2026-05-07", "1,2", &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "employee with a comma");
    softone_error_free(err);
    st = fetch1(c, "2026-05-07", "", &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "empty employee");
    softone_error_free(err);
    {
        softone_client_options o;
        softone_client *bad = NULL;
        (void)softone_client_options_init(&o, NULL);
        st = softone_client_new(&o, &bad, &err);
        expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "options without keys");
        CHECK(bad == NULL, "no client on failure");
        softone_error_free(err);
        CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
        o.base_url = "http://example.com";
        st = softone_client_new(&o, &bad, &err);
        expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "plain http to a remote host");
        softone_error_free(err);
        CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
        o.timeout_ms = 0;
        st = softone_client_new(&o, &bad, &err);
        expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "zero timeout");
        softone_error_free(err);
        o.timeout_ms = 1000;
        o.password = NULL;
        st = softone_client_new(&o, &bad, &err);
        expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "incomplete login triple");
        softone_error_free(err);
    }

    /* authentication: the server refuses the login (its message is kept) */
    {
        softone_client *fresh = sim_client(0, 0, 0);
        inject("{\"fault\":\"login_failure\",\"message\":\"The license is not valid\",\"endpoint\":\"login\"}");
        st = fetch1(fresh, "2026-05-07", "107", &list, &err);
        expect_status(st, err, SOFTONE_ERR_AUTHENTICATION, "login failure");
        CHECK(streq(softone_error_server_message(err), "The license is not valid"), "server message kept: %s",
              str_or(softone_error_server_message(err)));
        softone_error_free(err);
        softone_client_free(fresh);

        softone_client_options o;
        (void)softone_client_options_init(&o, NULL);
        CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
        o.password = "not-the-password";
        softone_client *wrong = NULL;
        CHECK(softone_client_new(&o, &wrong, NULL) == SOFTONE_OK, "client with a wrong password");
        st = softone_client_login(wrong, &err);
        expect_status(st, err, SOFTONE_ERR_AUTHENTICATION, "wrong password");
        CHECK(strstr(str_or(softone_error_message(err)), "not-the-password") == NULL, "password not shown");
        softone_error_free(err);
        softone_client_free(wrong);
    }

    /* rate limited: 429 (no retries left) */
    inject("{\"fault\":\"status\",\"status\":429,\"retry_after\":\"7\",\"endpoint\":\"data\",\"times\":1}");
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    expect_status(st, err, SOFTONE_ERR_RATE_LIMITED, "429");
    CHECK(softone_error_http_status(err) == 429, "http status 429, got %u", softone_error_http_status(err));
    CHECK(softone_error_retry_after_ms(err) == 7000, "retry-after 7 s, got %lld",
          (long long)softone_error_retry_after_ms(err));
    softone_error_free(err);

    /* API: a 500 with the server's message; the URL is shown redacted */
    inject("{\"fault\":\"status\",\"status\":500,\"body\":\"{\\\"message\\\":\\\"Object reference not set\\\"}\"}");
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    expect_status(st, err, SOFTONE_ERR_API, "500");
    CHECK(softone_error_http_status(err) == 500, "http status 500, got %u", softone_error_http_status(err));
    CHECK(streq(softone_error_server_message(err), "Object reference not set"), "500 message: %s",
          str_or(softone_error_server_message(err)));
    CHECK(softone_error_url(err) != NULL && strstr(softone_error_url(err), "***") != NULL, "redacted url: %s",
          str_or(softone_error_url(err)));
    CHECK(softone_error_entry_index(err) == -1 && softone_error_field(err) == NULL, "no decode location");
    softone_error_free(err);
    inject("{\"fault\":\"status\",\"status\":404}");
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    expect_status(st, err, SOFTONE_ERR_API, "404");
    CHECK(softone_error_http_status(err) == 404, "http status 404");
    softone_error_free(err);

    /* timeout: the server waits longer than the client's request timeout */
    {
        softone_client *impatient = sim_client(0, 0, 300);
        inject("{\"fault\":\"delay\",\"ms\":3000}");
        st = fetch1(impatient, "2026-05-07", "107", &list, &err);
        expect_status(st, err, SOFTONE_ERR_TIMEOUT, "slow server");
        softone_error_free(err);
        softone_client_free(impatient);
    }

    /* transport: the connection drops mid-body; a port nobody listens on */
    inject("{\"fault\":\"drop_mid_body\"}");
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    expect_status(st, err, SOFTONE_ERR_TRANSPORT, "dropped mid-body");
    softone_error_free(err);
    {
        softone_client_options o;
        (void)softone_client_options_init(&o, NULL);
        CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
        o.base_url = "http://127.0.0.1:1";
        o.max_retries = 0;
        softone_client *nowhere = NULL;
        CHECK(softone_client_new(&o, &nowhere, NULL) == SOFTONE_OK, "client of a closed port");
        st = fetch1(nowhere, "2026-05-07", "107", &list, &err);
        expect_status(st, err, SOFTONE_ERR_TRANSPORT, "closed port");
        softone_error_free(err);
        softone_client_free(nowhere);
    }

    /* decode: malformed and wrong-shaped bodies */
    inject("{\"fault\":\"malformed\"}");
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    expect_status(st, err, SOFTONE_ERR_DECODE, "malformed body");
    softone_error_free(err);
    inject("{\"fault\":\"wrong_shape\"}");
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    expect_status(st, err, SOFTONE_ERR_DECODE, "wrong shape");
    softone_error_free(err);

    /* cancelled: before the start, and from another thread during a slow fetch */
    {
        softone_cancel_token *tok = softone_cancel_token_new();
        CHECK(tok != NULL && !softone_cancel_token_is_cancelled(tok), "new token");
        CHECK(softone_cancel_token_cancel(tok, NULL) == SOFTONE_OK, "cancel");
        CHECK(softone_cancel_token_cancel(tok, NULL) == SOFTONE_OK, "cancel twice");
        CHECK(softone_cancel_token_is_cancelled(tok), "is cancelled");
        st = softone_time_stamp_entries_with(c, "2026-05-07", "2026-05-07", NULL, 0, NULL, NULL, tok, &list, &err);
        expect_status(st, err, SOFTONE_ERR_CANCELLED, "cancelled before the start");
        softone_error_free(err);
        softone_cancel_token_free(tok);

        tok = softone_cancel_token_new();
        CHECK(softone_simulator_set_latency_ms(sim, 5000, NULL) == SOFTONE_OK, "set latency");
        struct canceller cc = {tok, 300};
        pthread_t th;
        pthread_create(&th, NULL, cancel_later, &cc);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        st = softone_time_stamp_entries_with(c, "2026-05-07", "2026-05-07", NULL, 0, NULL, NULL, tok, &list, &err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        pthread_join(th, NULL);
        expect_status(st, err, SOFTONE_ERR_CANCELLED, "cancelled during the fetch");
        CHECK(t1.tv_sec - t0.tv_sec < 5, "the cancel stopped the fetch before the server answered");
        softone_error_free(err);
        softone_cancel_token_free(tok);
        CHECK(softone_simulator_set_latency_ms(sim, 0, NULL) == SOFTONE_OK, "reset latency");
    }
    CHECK(softone_simulator_clear_faults(sim, NULL) == SOFTONE_OK, "clear faults");
    softone_client_free(c);
}

/* ------------------------------------------------------------------ NULL and bad UTF-8 */

static const char BAD_UTF8[] = {(char)0xC3, (char)0x28, 'x', 0};

static void test_null_and_utf8(void) {
    softone_error *err = NULL;
    softone_client *c = NULL;
    softone_entry_list *list = (softone_entry_list *)&err; /* must be reset to NULL */
    softone_status st;

    /* error accessors */
    CHECK(softone_error_message(NULL) == NULL, "message(NULL)");
    CHECK(softone_error_status(NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "status(NULL)");
    CHECK(softone_error_http_status(NULL) == 0, "http_status(NULL)");
    CHECK(softone_error_server_message(NULL) == NULL, "server_message(NULL)");
    CHECK(softone_error_url(NULL) == NULL, "url(NULL)");
    CHECK(softone_error_entry_index(NULL) == -1, "entry_index(NULL)");
    CHECK(softone_error_field(NULL) == NULL, "field(NULL)");
    CHECK(softone_error_retry_after_ms(NULL) == -1, "retry_after_ms(NULL)");
    softone_error_free(NULL);
    softone_string_free(NULL);
    softone_client_free(NULL);
    softone_entry_list_free(NULL);
    softone_cancel_token_free(NULL);
    softone_simulator_free(NULL);

    /* options */
    CHECK(softone_client_options_init(NULL, &err) == SOFTONE_ERR_INVALID_ARGUMENT, "options_init(NULL)");
    CHECK(err != NULL && strstr(softone_error_message(err), "NULL") != NULL, "message names NULL");
    softone_error_free(err);
    CHECK(softone_simulator_options_init(NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "sim options_init(NULL)");

    /* client construction */
    st = softone_client_new(NULL, &c, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "client_new(NULL options)");
    softone_error_free(err);
    softone_client_options o;
    (void)softone_client_options_init(&o, NULL);
    CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
    CHECK(softone_client_new(&o, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "client_new(NULL out)");
    CHECK(softone_client_from_env(NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "from_env(NULL out)");
    CHECK(softone_client_login(NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "login(NULL)");
    {
        /* every string option, in turn, as invalid UTF-8 */
        const char **fields[] = {&o.company_api_key, &o.connect_api_key, &o.license,  &o.username,
                                 &o.password,        &o.token,           &o.base_url, &o.user_agent_suffix,
                                 &o.proxy_url,       &o.extra_ca_pem_path};
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
            softone_client_options bad;
            (void)softone_client_options_init(&bad, NULL);
            CHECK(softone_simulator_client_options(sim, &bad, NULL) == SOFTONE_OK, "sim options");
            const char **field = (const char **)((char *)&bad + ((char *)fields[i] - (char *)&o));
            *field = BAD_UTF8;
            c = (softone_client *)&o;
            st = softone_client_new(&bad, &c, &err);
            expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "invalid UTF-8 option");
            CHECK(c == NULL, "out reset to NULL");
            CHECK(strstr(softone_error_message(err), "UTF-8") != NULL, "message says UTF-8: %s",
                  softone_error_message(err));
            softone_error_free(err);
        }
    }
    c = sim_client(0, 0, 0);

    /* fetching */
    const char *emps[2] = {"107", NULL};
    const char *bad_emps[1] = {BAD_UTF8};
    st = softone_time_stamp_entries(NULL, "2026-05-07", "2026-05-07", NULL, 0, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(NULL client)");
    CHECK(list == NULL, "list reset to NULL");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, NULL, "2026-05-07", NULL, 0, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(NULL date_from)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", NULL, NULL, 0, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(NULL date_to)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", "2026-05-07", NULL, 2, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(NULL employees, count 2)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", "2026-05-07", emps, 2, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(NULL employee element)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", "2026-05-07", NULL, 0, NULL, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(NULL list_out)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, BAD_UTF8, "2026-05-07", NULL, 0, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(bad UTF-8 date_from)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", BAD_UTF8, NULL, 0, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(bad UTF-8 date_to)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", "2026-05-07", bad_emps, 1, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch(bad UTF-8 employee)");
    softone_error_free(err);
    st = softone_time_stamp_entries(c, "2026-05-07", "2026-05-07", bad_emps, 1, &list, NULL);
    CHECK(st == SOFTONE_ERR_INVALID_ARGUMENT, "NULL error_out still gives the status");
    st = softone_time_stamp_entries_with(NULL, "2026-05-07", "2026-05-07", NULL, 0, NULL, NULL, NULL, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch_with(NULL client)");
    softone_error_free(err);
    st = softone_time_stamp_entries_with(c, BAD_UTF8, "2026-05-07", NULL, 0, NULL, NULL, NULL, &list, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch_with(bad UTF-8)");
    softone_error_free(err);
    st = softone_time_stamp_entries_with(c, "2026-05-07", "2026-05-07", NULL, 0, NULL, NULL, NULL, NULL, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "fetch_with(NULL list_out)");
    softone_error_free(err);

    /* entry lists and tokens */
    CHECK(softone_entry_list_len(NULL) == 0, "len(NULL)");
    CHECK(softone_entry_list_get(NULL, 0) == NULL, "get(NULL)");
    CHECK(softone_cancel_token_cancel(NULL, &err) == SOFTONE_ERR_INVALID_ARGUMENT, "cancel(NULL)");
    softone_error_free(err);
    CHECK(!softone_cancel_token_is_cancelled(NULL), "is_cancelled(NULL)");

    /* simulator */
    softone_simulator *s2 = (softone_simulator *)&o;
    softone_simulator_options so;
    size_t n = 99;
    char *json = (char *)&o;
    CHECK(softone_simulator_start(NULL, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "start(NULL out)");
    (void)softone_simulator_options_init(&so, NULL);
    so.host = BAD_UTF8;
    st = softone_simulator_start(&so, &s2, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "start(bad UTF-8 host)");
    CHECK(s2 == NULL, "simulator out reset to NULL");
    softone_error_free(err);
    (void)softone_simulator_options_init(&so, NULL);
    so.start_date = BAD_UTF8;
    st = softone_simulator_start(&so, &s2, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "start(bad UTF-8 start_date)");
    softone_error_free(err);
    (void)softone_simulator_options_init(&so, NULL);
    so.start_date = "2026-02-30";
    st = softone_simulator_start(&so, &s2, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "start(bad start_date)");
    softone_error_free(err);
    (void)softone_simulator_options_init(&so, NULL);
    so.entry_type_style = 7;
    st = softone_simulator_start(&so, &s2, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "start(bad entry_type_style)");
    softone_error_free(err);
    (void)softone_simulator_options_init(&so, NULL);
    so.host = "not an address";
    st = softone_simulator_start(&so, &s2, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "start(bad host)");
    softone_error_free(err);
    CHECK(softone_simulator_url(NULL) == NULL, "url(NULL)");
    CHECK(softone_simulator_client_options(NULL, &o, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "client_options(NULL)");
    CHECK(softone_simulator_client_options(sim, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT,
          "client_options(sim, NULL)");
    CHECK(softone_simulator_inject_json(NULL, "{}", NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "inject(NULL sim)");
    CHECK(softone_simulator_inject_json(sim, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "inject(NULL json)");
    st = softone_simulator_inject_json(sim, BAD_UTF8, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "inject(bad UTF-8)");
    softone_error_free(err);
    st = softone_simulator_inject_json(sim, "{\"fault\":\"no-such-fault\"}", &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "inject(unknown fault)");
    softone_error_free(err);
    st = softone_simulator_inject_json(sim, "not json", &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "inject(not JSON)");
    softone_error_free(err);
    CHECK(softone_simulator_clear_faults(NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "clear_faults(NULL)");
    CHECK(softone_simulator_set_latency_ms(NULL, 1, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "set_latency(NULL)");
    CHECK(softone_simulator_revoke_tokens(NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "revoke(NULL)");
    CHECK(softone_simulator_login_count(NULL, &n, NULL) == SOFTONE_ERR_INVALID_ARGUMENT && n == 0,
          "login_count(NULL)");
    CHECK(softone_simulator_login_count(sim, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "login_count(sim, NULL)");
    CHECK(softone_simulator_data_request_count(NULL, &n, NULL) == SOFTONE_ERR_INVALID_ARGUMENT,
          "data_request_count(NULL)");
    CHECK(softone_simulator_data_request_count(sim, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT,
          "data_request_count(sim, NULL)");
    CHECK(softone_simulator_requests_json(NULL, &json, NULL) == SOFTONE_ERR_INVALID_ARGUMENT && json == NULL,
          "requests_json(NULL)");
    CHECK(softone_simulator_requests_json(sim, NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT,
          "requests_json(sim, NULL)");
    CHECK(softone_simulator_clear_requests(NULL, NULL) == SOFTONE_ERR_INVALID_ARGUMENT, "clear_requests(NULL)");
    softone_client_free(c);
}

/* ------------------------------------------------------------------ environment */

static void test_from_env(void) {
    static const char *vars[] = {"SOFTONE_COMPANY_API_KEY", "SOFTONE_CONNECT_API_KEY", "SOFTONE_LICENSE",
                                 "SOFTONE_USERNAME",        "SOFTONE_PASSWORD",        "SOFTONE_TOKEN",
                                 "SOFTONE_BASE_URL",        "SOFTONE_CA_BUNDLE"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) unsetenv(vars[i]);
    softone_client *c = NULL;
    softone_error *err = NULL;
    softone_status st = softone_client_from_env(&c, &err);
    expect_status(st, err, SOFTONE_ERR_INVALID_ARGUMENT, "from_env without variables");
    CHECK(strstr(str_or(softone_error_message(err)), "SOFTONE_COMPANY_API_KEY") != NULL, "names the variable: %s",
          str_or(softone_error_message(err)));
    softone_error_free(err);

    softone_client_options o;
    (void)softone_client_options_init(&o, NULL);
    CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
    setenv("SOFTONE_COMPANY_API_KEY", o.company_api_key, 1);
    setenv("SOFTONE_CONNECT_API_KEY", o.connect_api_key, 1);
    setenv("SOFTONE_LICENSE", o.license, 1);
    setenv("SOFTONE_USERNAME", o.username, 1);
    setenv("SOFTONE_PASSWORD", o.password, 1);
    setenv("SOFTONE_BASE_URL", o.base_url, 1);
    st = softone_client_from_env(&c, &err);
    CHECK(st == SOFTONE_OK && c != NULL, "from_env: %s", str_or(softone_error_message(err)));
    softone_error_free(err);
    softone_entry_list *list = NULL;
    st = fetch1(c, "2026-05-07", "107", &list, NULL);
    CHECK(st == SOFTONE_OK && softone_entry_list_len(list) == 6, "from_env client fetches");
    softone_entry_list_free(list);
    softone_client_free(c);
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) unsetenv(vars[i]);
}

/* ------------------------------------------------------------------ progress, log */

struct progress {
    size_t calls, last_done, last_total;
    int monotonic;
};

static void on_progress(size_t done, size_t total, void *user) {
    struct progress *p = user;
    if (done < p->last_done || done > total) p->monotonic = 0;
    p->calls++;
    p->last_done = done;
    p->last_total = total;
}

static void test_progress_and_log(void) {
    softone_client *c = sim_client(1, 0, 0);
    struct progress p = {0, 0, 0, 1};
    softone_entry_list *list = NULL;
    softone_error *err = NULL;
    const char *emps[1] = {"1001"};
    CHECK(softone_simulator_clear_requests(sim, NULL) == SOFTONE_OK, "clear requests");
    softone_status st = softone_time_stamp_entries_with(c, "2026-05-01", "2026-05-07", emps, 1, on_progress, &p,
                                                        NULL, &list, &err);
    CHECK(st == SOFTONE_OK, "fetch with progress: %s", str_or(softone_error_message(err)));
    CHECK(p.calls == 7 && p.last_done == 7 && p.last_total == 7 && p.monotonic,
          "one progress call per day window: calls %zu, last %zu/%zu", p.calls, p.last_done, p.last_total);
    for (size_t i = 0; list && i < list->len; i++)
        CHECK(streq(list->entries[i].employee_nr, "1001"), "only the employee asked for");
    size_t logins = 0, data = 0;
    CHECK(softone_simulator_login_count(sim, &logins, NULL) == SOFTONE_OK && logins == 1, "one login, got %zu",
          logins);
    CHECK(softone_simulator_data_request_count(sim, &data, NULL) == SOFTONE_OK && data == 7,
          "seven data requests, got %zu", data);
    char *json = NULL;
    CHECK(softone_simulator_requests_json(sim, &json, &err) == SOFTONE_OK && json != NULL, "requests_json");
    CHECK(json && json[0] == '[' && strstr(json, "TimeStampEntry") != NULL, "the log lists the data requests");
    CHECK(json && !shows_secret(json), "the log shows no secret");
    softone_string_free(json);
    CHECK(softone_simulator_clear_requests(sim, NULL) == SOFTONE_OK, "clear requests");
    CHECK(softone_simulator_data_request_count(sim, &data, NULL) == SOFTONE_OK && data == 0, "log cleared");

    /* a revoked token: the client logs in again once and succeeds */
    CHECK(softone_simulator_revoke_tokens(sim, NULL) == SOFTONE_OK, "revoke");
    softone_entry_list_free(list);
    list = NULL;
    st = fetch1(c, "2026-05-07", "107", &list, &err);
    CHECK(st == SOFTONE_OK && softone_entry_list_len(list) == 6, "fetch after revoke: %s",
          str_or(softone_error_message(err)));
    CHECK(softone_simulator_login_count(sim, &logins, NULL) == SOFTONE_OK && logins == 1, "logged in again once");
    softone_entry_list_free(list);
    softone_error_free(err);
    softone_client_free(c);
}

/* ------------------------------------------------------------------ threads */

#define THREADS 8

struct job {
    const softone_client *client;
    char employee[16];
    softone_entry_list *expected;
    int rounds;
};

static void *thread_main(void *arg) {
    struct job *j = arg;
    const char *emps[1] = {j->employee};
    for (int r = 0; r < j->rounds; r++) {
        softone_entry_list *list = NULL;
        softone_error *err = NULL;
        softone_status st =
            softone_time_stamp_entries(j->client, "2026-05-01", "2026-05-14", emps, 1, &list, r % 2 ? &err : NULL);
        CHECK(st == SOFTONE_OK, "thread fetch %s: %s", j->employee, str_or(softone_error_message(err)));
        CHECK(softone_entry_list_len(list) == j->expected->len, "thread %s: %zu entries, expected %zu", j->employee,
              softone_entry_list_len(list), j->expected->len);
        for (size_t i = 0; list && i < list->len && i < j->expected->len; i++)
            CHECK(streq(list->entries[i].time_stamp_iso, j->expected->entries[i].time_stamp_iso) &&
                      streq(list->entries[i].employee_nr, j->employee),
                  "thread %s entry %zu", j->employee, i);
        softone_entry_list_free(list);
        softone_error_free(err);
    }
    return NULL;
}

static void test_threads(void) {
    struct job jobs[THREADS];
    pthread_t th[THREADS];
    softone_client *one = sim_client(7, 0, 0);
    for (int i = 0; i < THREADS; i++) {
        jobs[i].client = one;
        snprintf(jobs[i].employee, sizeof jobs[i].employee, "%d", 1001 + i);
        jobs[i].rounds = 3;
        jobs[i].expected = NULL;
        const char *emps[1] = {jobs[i].employee};
        softone_status st =
            softone_time_stamp_entries(one, "2026-05-01", "2026-05-14", emps, 1, &jobs[i].expected, NULL);
        CHECK(st == SOFTONE_OK && jobs[i].expected->len > 0, "expected entries of %s", jobs[i].employee);
    }
    softone_client_free(one);

    softone_client *shared = sim_client(7, 0, 0);
    CHECK(softone_simulator_clear_requests(sim, NULL) == SOFTONE_OK, "clear requests");
    for (int i = 0; i < THREADS; i++) {
        jobs[i].client = shared;
        pthread_create(&th[i], NULL, thread_main, &jobs[i]);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    size_t logins = 0;
    CHECK(softone_simulator_login_count(sim, &logins, NULL) == SOFTONE_OK && logins == 1,
          "8 threads sharing a client log in once, got %zu", logins);
    for (int i = 0; i < THREADS; i++) softone_entry_list_free(jobs[i].expected);
    softone_client_free(shared);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIXTURE_LINES_FILE\n", argv[0]);
        return 2;
    }
    softone_simulator_options so;
    softone_error *err = NULL;
    CHECK(softone_simulator_options_init(&so, NULL) == SOFTONE_OK, "simulator options_init");
    CHECK(so.employees == 50 && so.days == 31 && so.seed == 7 && so.port == 0, "simulator defaults");
    so.login_failure_delay_ms = 0;
    softone_status st = softone_simulator_start(&so, &sim, &err);
    CHECK(st == SOFTONE_OK && sim != NULL, "simulator start: %s", str_or(softone_error_message(err)));
    softone_error_free(err);
    if (sim == NULL) return 1;
    CHECK(strncmp(str_or(softone_simulator_url(sim)), "http://127.0.0.1:", 17) == 0, "simulator url %s",
          str_or(softone_simulator_url(sim)));
    softone_client_options o;
    (void)softone_client_options_init(&o, NULL);
    CHECK(softone_simulator_client_options(sim, &o, NULL) == SOFTONE_OK, "sim options");
    snprintf(secret_company, sizeof secret_company, "%s", o.company_api_key);
    snprintf(secret_connect, sizeof secret_connect, "%s", o.connect_api_key);
    snprintf(secret_password, sizeof secret_password, "%s", o.password);

    test_version_and_names();
    test_document_example();
    {
        softone_client *c = sim_client(0, 0, 0);
        test_fixtures(argv[1], c);
        softone_client_free(c);
    }
    test_statuses();
    test_null_and_utf8();
    test_from_env();
    test_progress_and_log();
    test_threads();
    softone_simulator_free(sim);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
