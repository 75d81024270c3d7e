#include "build/cancel_token.h"

#include <utility>

namespace drydock::build {

void CancelToken::Cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
  for (auto& [id, callback] : callbacks_) callback();
}

int CancelToken::OnCancel(std::function<void()> callback) {
  std::lock_guard<std::mutex> lock(mu_);
  if (cancelled()) {
    callback();
    return -1;
  }
  int id = next_id_++;
  callbacks_.emplace(id, std::move(callback));
  return id;
}

void CancelToken::Remove(int id) {
  std::lock_guard<std::mutex> lock(mu_);
  callbacks_.erase(id);
}

}  // namespace drydock::build
