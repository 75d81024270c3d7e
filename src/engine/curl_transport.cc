// libcurl is included here only. One easy handle per exchange, driven by a private multi
// handle so the wait can wake every 100 ms to look at the CancelToken: cancelling closes the
// connection promptly even while the engine is silent (a long RUN step), which a progress
// callback alone would only notice about once a second.
#include "engine/curl_transport.h"

#include <chrono>
#include <cstring>
#include <string>

#include "base/strings.h"
#include "engine/curl_library.h"

namespace drydock::engine {
namespace {

struct Exchange {
  ResponseHandler* handler = nullptr;
  BodySource* body = nullptr;
  const CancelToken* cancel = nullptr;
  HttpResponseHead head;
  bool in_headers = false;
  bool head_delivered = false;
  bool handler_stopped = false;
  bool cancelled = false;
  std::optional<Error> body_error;
  uint64_t body_bytes = 0;   // Taken from the BodySource so far.
  uint64_t last_upload = 0;  // Last value reported to the handler.

  std::chrono::steady_clock::time_point last_report{};

  // At most every 100 ms (a live view redraws no faster), and once more at the end (`final`).
  void ReportUpload(bool final = false) {
    if (body_bytes <= last_upload) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_report < std::chrono::milliseconds(100)) return;
    last_report = now;
    last_upload = body_bytes;
    handler->OnUploadProgress(body_bytes);
  }

  // Returns false when the handler asked to stop.
  bool DeliverHead() {
    if (head_delivered) return true;
    head_delivered = true;
    if (!handler->OnHead(head)) {
      handler_stopped = true;
      return false;
    }
    return true;
  }
};

size_t OnHeaderLine(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  std::string_view line(data, size * nmemb);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    // A new status line (after 100 Continue, say) starts a fresh head.
    ex->head = HttpResponseHead{};
    size_t sp = line.find(' ');
    if (sp != std::string_view::npos) {
      int status = 0;
      for (size_t i = sp + 1; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i) {
        status = status * 10 + (line[i] - '0');
      }
      ex->head.status = status;
    }
    ex->in_headers = true;
    return size * nmemb;
  }
  if (line.empty()) {
    ex->in_headers = false;
    return size * nmemb;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    ex->head.headers.emplace_back(std::string(line.substr(0, colon)),
                                  std::string(TrimAsciiSpace(line.substr(colon + 1))));
  }
  return size * nmemb;
}

size_t OnWrite(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  if (ex->head.status >= 100 && ex->head.status < 200) return size * nmemb;
  if (!ex->DeliverHead()) return 0;
  if (!ex->handler->OnBody(std::string_view(data, size * nmemb))) {
    ex->handler_stopped = true;
    return 0;
  }
  return size * nmemb;
}

size_t OnRead(char* buffer, size_t size, size_t nitems, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  if (ex->cancel != nullptr && ex->cancel->cancelled()) {
    ex->cancelled = true;
    return CURL_READFUNC_ABORT;
  }
  Result<size_t> n = ex->body->Read(buffer, size * nitems);
  if (!n.ok()) {
    ex->body_error = n.error();
    return CURL_READFUNC_ABORT;
  }
  ex->body_bytes += *n;
  if (*n == 0) ex->ReportUpload(/*final=*/true);  // The whole body is out: say so now.
  return *n;
}

// curl's own upload count includes the chunked framing; the handler wants body bytes.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* ex = static_cast<Exchange*>(user);
  if (ex->cancel != nullptr && ex->cancel->cancelled()) {
    ex->cancelled = true;
    return 1;
  }
  ex->ReportUpload();
  return 0;
}

class CurlTransport final : public Transport {
 public:
  CurlTransport(EngineEndpoint endpoint, CurlTransportOptions options)
      : endpoint_(std::move(endpoint)), options_(options) {}

  Result<void> Send(const HttpRequest& request, ResponseHandler& handler,
                    const CancelToken* cancel) override;

 private:
  std::string BaseUrl() const {
    if (endpoint_.kind == EngineEndpoint::Kind::kUnix) return "http://localhost";
    std::string host =
        endpoint_.host.find(':') != std::string::npos ? "[" + endpoint_.host + "]" : endpoint_.host;
    return std::string(endpoint_.tls ? "https://" : "http://") + host + ":" +
           std::to_string(endpoint_.port);
  }

  EngineEndpoint endpoint_;
  CurlTransportOptions options_;
};

Result<void> CurlTransport::Send(const HttpRequest& request, ResponseHandler& handler,
                                 const CancelToken* cancel) {
  Result<const CurlLibrary*> loaded = LoadCurl();
  if (!loaded.ok()) return loaded.error();
  const CurlLibrary& curl = **loaded;
  CURL* easy = curl.easy_init();
  if (easy == nullptr) return MakeError("libcurl: cannot create a handle");
  Exchange ex;
  ex.handler = &handler;
  ex.body = request.body;
  ex.cancel = cancel;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  const std::string url = BaseUrl() + request.target;
  curl.easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  // Every exchange has its own connection: closing it is how a build is cancelled, and a
  // reused connection would tie one request's fate to another's.
  curl.easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
  curl.easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
  if (endpoint_.kind == EngineEndpoint::Kind::kUnix) {
    curl.easy_setopt(easy, CURLOPT_UNIX_SOCKET_PATH, endpoint_.unix_path.c_str());
  } else {
    curl.easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl.easy_setopt(easy, CURLOPT_TCP_KEEPIDLE, options_.keepalive_idle_s);
    curl.easy_setopt(easy, CURLOPT_TCP_KEEPINTVL, options_.keepalive_interval_s);
    if (endpoint_.tls) {
      const TlsConfig& tls = *endpoint_.tls;
      if (!tls.ca_file.empty()) curl.easy_setopt(easy, CURLOPT_CAINFO, tls.ca_file.c_str());
      if (!tls.cert_file.empty()) curl.easy_setopt(easy, CURLOPT_SSLCERT, tls.cert_file.c_str());
      if (!tls.key_file.empty()) curl.easy_setopt(easy, CURLOPT_SSLKEY, tls.key_file.c_str());
      curl.easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, tls.verify ? 1L : 0L);
      curl.easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, tls.verify ? 2L : 0L);
    }
  }

  curl_slist* headers = nullptr;
  headers = curl.slist_append(headers, "Expect:");  // No 100-continue round trip.
  for (const auto& [k, v] : request.headers) {
    headers = curl.slist_append(headers, (k + ": " + v).c_str());
  }
  if (request.method == "HEAD") {
    curl.easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (request.method == "POST") {
    curl.easy_setopt(easy, CURLOPT_POST, 1L);
    if (request.body != nullptr) {
      headers = curl.slist_append(headers, "Transfer-Encoding: chunked");
      curl.easy_setopt(easy, CURLOPT_READFUNCTION, OnRead);
      curl.easy_setopt(easy, CURLOPT_READDATA, &ex);
    } else {
      curl.easy_setopt(easy, CURLOPT_POSTFIELDS, "");
      curl.easy_setopt(easy, CURLOPT_POSTFIELDSIZE, 0L);
    }
  } else if (request.method != "GET") {
    curl.easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl.easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl.easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeaderLine);
  curl.easy_setopt(easy, CURLOPT_HEADERDATA, &ex);
  curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnWrite);
  curl.easy_setopt(easy, CURLOPT_WRITEDATA, &ex);
  curl.easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl.easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl.easy_setopt(easy, CURLOPT_XFERINFODATA, &ex);

  CURLM* multi = curl.multi_init();
  curl.multi_add_handle(multi, easy);
  CURLcode code = CURLE_OK;
  bool done = false;
  while (!done) {
    int running = 0;
    CURLMcode mc = curl.multi_perform(multi, &running);
    if (mc != CURLM_OK) {
      code = CURLE_RECV_ERROR;
      snprintf(error_buffer, sizeof error_buffer, "%s", curl.multi_strerror(mc));
      break;
    }
    int queued = 0;
    while (CURLMsg* msg = curl.multi_info_read(multi, &queued)) {
      if (msg->msg == CURLMSG_DONE) {
        code = msg->data.result;
        done = true;
      }
    }
    if (done) break;
    if (cancel != nullptr && cancel->cancelled()) {
      ex.cancelled = true;
      break;
    }
    curl.multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  long os_errno = 0;
  curl.easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
  curl.multi_remove_handle(multi, easy);  // Closes the connection (FORBID_REUSE).
  curl.multi_cleanup(multi);
  curl.easy_cleanup(easy);
  curl.slist_free_all(headers);

  if (ex.cancelled || (cancel != nullptr && cancel->cancelled())) return {};
  ex.ReportUpload(/*final=*/true);
  if (ex.handler_stopped) return {};
  if (ex.body_error) return MakeError("request body: " + ex.body_error->message);
  if (code != CURLE_OK) {
    std::string detail = error_buffer[0] != '\0' ? error_buffer : curl.easy_strerror(code);
    if (ex.head.status == 0) {
      // curl words a failed unix-socket connect as "Failed to connect to localhost port 80";
      // the system's reason (no such file, connection refused) says more.
      if ((code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT) && os_errno != 0) {
        detail = std::strerror(static_cast<int>(os_errno));
      } else if (code == CURLE_OPERATION_TIMEDOUT) {
        detail = "no answer within " + std::to_string(options_.connect_timeout_ms) + " ms";
      }
      return MakeError("cannot reach the engine at " + endpoint_.ToString() + ": " + detail);
    }
    return MakeError("lost the connection to the engine at " + endpoint_.ToString() + ": " +
                     detail);
  }
  if (ex.head.status == 0) {
    return MakeError("the engine at " + endpoint_.ToString() + " sent no HTTP response");
  }
  ex.DeliverHead();
  return {};
}

}  // namespace

std::unique_ptr<Transport> MakeCurlTransport(const EngineEndpoint& endpoint,
                                             const CurlTransportOptions& options) {
  return std::make_unique<CurlTransport>(endpoint, options);
}

}  // namespace drydock::engine
