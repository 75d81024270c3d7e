#include "engine/curl_library.h"

#include <dlfcn.h>

#include <string>

namespace drydock::engine {
namespace {

constexpr const char* kLibraryFile = "libcurl.so.4";

struct Loaded {
  CurlLibrary library;
  std::string error;
};

template <typename Fn>
bool Resolve(void* handle, const char* name, Fn* out, std::string* error) {
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    *error = std::string("cannot load libcurl: ") + kLibraryFile + " has no " + name;
    return false;
  }
  *out = reinterpret_cast<Fn>(symbol);
  return true;
}

Loaded Load() {
  Loaded out;
  // RTLD_LOCAL: its symbols stay out of the global namespace (its dependencies' too).
  void* handle = dlopen(kLibraryFile, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    out.error = std::string("cannot load libcurl (") + kLibraryFile +
                "), which drydock needs to talk to the engine: " + (why ? why : "unknown reason") +
                " (Debian: apt install libcurl4)";
    return out;
  }
  CurlLibrary& l = out.library;
  decltype(&curl_global_init) global_init = nullptr;
  std::string& e = out.error;
  bool ok = Resolve(handle, "curl_global_init", &global_init, &e) &&
            Resolve(handle, "curl_easy_init", &l.easy_init, &e) &&
            Resolve(handle, "curl_easy_setopt", &l.easy_setopt, &e) &&
            Resolve(handle, "curl_easy_getinfo", &l.easy_getinfo, &e) &&
            Resolve(handle, "curl_easy_cleanup", &l.easy_cleanup, &e) &&
            Resolve(handle, "curl_easy_strerror", &l.easy_strerror, &e) &&
            Resolve(handle, "curl_multi_init", &l.multi_init, &e) &&
            Resolve(handle, "curl_multi_add_handle", &l.multi_add_handle, &e) &&
            Resolve(handle, "curl_multi_remove_handle", &l.multi_remove_handle, &e) &&
            Resolve(handle, "curl_multi_perform", &l.multi_perform, &e) &&
            Resolve(handle, "curl_multi_poll", &l.multi_poll, &e) &&
            Resolve(handle, "curl_multi_info_read", &l.multi_info_read, &e) &&
            Resolve(handle, "curl_multi_cleanup", &l.multi_cleanup, &e) &&
            Resolve(handle, "curl_multi_strerror", &l.multi_strerror, &e) &&
            Resolve(handle, "curl_slist_append", &l.slist_append, &e) &&
            Resolve(handle, "curl_slist_free_all", &l.slist_free_all, &e);
  if (ok) {
    CURLcode code = global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
      out.error = "cannot initialise libcurl (error " + std::to_string(code) + ")";
    }
  }
  // The handle is never closed: libcurl stays loaded for the life of the process.
  return out;
}

}  // namespace

Result<const CurlLibrary*> LoadCurl() {
  static const Loaded loaded = Load();  // Thread-safe initialisation.
  if (!loaded.error.empty()) return MakeError(loaded.error);
  return &loaded.library;
}

}  // namespace drydock::engine
