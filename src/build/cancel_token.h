// Cancellation for builds: the interrupt (SIGINT/SIGTERM, seen by cli/'s signal thread), the
// scheduler's fail-fast and a running build's connection all meet here.
#ifndef DRYDOCK_BUILD_CANCEL_TOKEN_H_
#define DRYDOCK_BUILD_CANCEL_TOKEN_H_

#include <atomic>
#include <functional>
#include <map>
#include <mutex>

namespace drydock::build {

// A one-way flag with callbacks. `cancelled()` is lock-free, so it may be read under any other
// lock. Cancel() runs the callbacks on the calling thread, under the token's own lock: a
// callback must not call back into this token. Not for signal handlers (it locks).
class CancelToken {
 public:
  CancelToken() = default;
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  void Cancel();
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }
  // Runs `callback` on Cancel, or at once when already cancelled. The id is for Remove; after
  // Remove returns the callback is never running and never runs again.
  int OnCancel(std::function<void()> callback);
  void Remove(int id);

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mu_;
  std::map<int, std::function<void()>> callbacks_;
  int next_id_ = 0;
};

// Removes a callback when it goes out of scope.
class CancelCallback {
 public:
  CancelCallback(CancelToken& token, std::function<void()> callback)
      : token_(token), id_(token.OnCancel(std::move(callback))) {}
  ~CancelCallback() { token_.Remove(id_); }
  CancelCallback(const CancelCallback&) = delete;
  CancelCallback& operator=(const CancelCallback&) = delete;

 private:
  CancelToken& token_;
  int id_;
};

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_CANCEL_TOKEN_H_
