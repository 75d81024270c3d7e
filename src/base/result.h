// Result<T>: the operational-failure channel. A function that can fail for reasons outside
// the user's input (unreadable file, engine gone) returns a value or an Error; it never throws
// across a public header. Stand-in for std::expected, which C++20 lacks.
#ifndef DRYDOCK_BASE_RESULT_H_
#define DRYDOCK_BASE_RESULT_H_

#include <string>
#include <utility>
#include <variant>

#include "base/check.h"

namespace drydock {

// What went wrong, for a human: one sentence, no trailing period, no newline.
struct Error {
  std::string message;
};

inline Error MakeError(std::string message) { return Error{std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    DD_CHECK(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    DD_CHECK(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    DD_CHECK(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    DD_CHECK(!ok());
    return std::get<1>(v_);
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    DD_CHECK(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace drydock

#endif  // DRYDOCK_BASE_RESULT_H_
