// libcurl, loaded on first use instead of at program start.
//
// Linking libcurl makes every drydock process map about 26 more shared libraries (its TLS,
// Kerberos, LDAP, IDN and RTMP chain) before main runs: about 6 ms, which was most of a
// `drydock lint` run over 200 Dockerfiles. Only the commands that talk to an engine need it,
// so only they pay: the transport asks for the library when it is made.
#ifndef DRYDOCK_ENGINE_CURL_LIBRARY_H_
#define DRYDOCK_ENGINE_CURL_LIBRARY_H_

#define CURL_DISABLE_TYPECHECK  // The calls go through pointers, not the checked macros.
#include <curl/curl.h>

#include "base/result.h"

namespace drydock::engine {

// The libcurl entry points drydock uses, resolved from libcurl.so.4 (ABI 4, stable since
// 2006). curl_global_init has already run when LoadCurl hands this out.
struct CurlLibrary {
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_multi_init) multi_init = nullptr;
  decltype(&curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&curl_multi_perform) multi_perform = nullptr;
  decltype(&curl_multi_poll) multi_poll = nullptr;
  decltype(&curl_multi_info_read) multi_info_read = nullptr;
  decltype(&curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&curl_multi_strerror) multi_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

// The library, loaded and initialised once (thread-safe); later calls return the same
// object or the same error, which names the file and the loader's reason.
Result<const CurlLibrary*> LoadCurl();

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_CURL_LIBRARY_H_
