// Compiles include/softone_go.h as C++17 (-Wall -Wextra -Werror -pedantic) and links it,
// which checks the header's extern "C" block: a mangled name would not link.
#include "softone_go.h"

#include <cstdio>
#include <cstring>

int main() {
    softone_client_options o;
    softone_error *err = nullptr;
    if (softone_client_options_init(&o, &err) != SOFTONE_OK) return 1;
    softone_client *c = nullptr;
    // No keys: an invalid-argument error, no I/O.
    softone_status st = softone_client_new(&o, &c, &err);
    bool ok = st == SOFTONE_ERR_INVALID_ARGUMENT && c == nullptr && err != nullptr &&
              std::strlen(softone_error_message(err)) > 0 && softone_entry_list_len(nullptr) == 0;
    softone_error_free(err);
    std::printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
    return ok ? 0 : 1;
}
