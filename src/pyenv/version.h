// PEP 440 versions, as pypa/packaging (26.x) parses, normalises and orders them.
// Numbers are unbounded (PEP 440 sets no limit; real indexes hold 20-digit dates), so each is a
// Number that stays a plain uint64 unless it does not fit. Comparison never allocates.
#ifndef DRYDOCK_PYENV_VERSION_H_
#define DRYDOCK_PYENV_VERSION_H_

#include <compare>
#include <functional>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace drydock::pyenv {

// A non-negative integer of any size. Values up to UINT64_MAX are held inline; larger ones keep
// their decimal digits (no leading zeros). Ordered numerically.
class Number {
 public:
  Number() = default;
  explicit Number(uint64_t value) : small_(value) {}
  // `digits` is one or more ASCII digits (leading zeros allowed).
  static Number FromDigits(std::string_view digits);

  bool fits_uint64() const { return big_.empty(); }
  // The value when fits_uint64(); UINT64_MAX otherwise.
  uint64_t value() const { return big_.empty() ? small_ : UINT64_MAX; }
  bool is_zero() const { return big_.empty() && small_ == 0; }
  std::string ToString() const;
  void AppendTo(std::string& out) const;

  friend std::strong_ordering operator<=>(const Number& a, const Number& b);
  friend bool operator==(const Number& a, const Number& b) {
    return a.small_ == b.small_ && a.big_ == b.big_;
  }

 private:
  uint64_t small_ = 0;
  std::string big_;  // Decimal digits when the value exceeds UINT64_MAX, else empty.
};

enum class PreKind { kAlpha, kBeta, kRc };  // Normalised spellings a, b, rc.
std::string_view PreKindString(PreKind kind);

struct PreRelease {
  PreKind kind = PreKind::kAlpha;
  Number number;
  friend bool operator==(const PreRelease&, const PreRelease&) = default;
};

// One segment of a local version label: numeric segments compare as numbers and sort after
// alphanumeric ones, which compare case-insensitively (text is lower-cased).
struct LocalSegment {
  bool numeric = false;
  Number number;     // When numeric.
  std::string text;  // Lower-cased, when not numeric.
  friend bool operator==(const LocalSegment&, const LocalSegment&) = default;
};

// A valid PEP 440 version. Equality and ordering are PEP 440's (1.0 == 1.0.0, 1.0+00 == 1.0+0),
// not textual; ToString() gives the normalised form (packaging's str(Version)).
class Version {
 public:
  // Parses like packaging.version.Version: surrounding whitespace and one leading v/V allowed,
  // every alternative spelling accepted and normalised. The error names the input and the
  // offending character, e.g. "invalid version '1.0+a+': unexpected '+' at position 6".
  static Result<Version> Parse(std::string_view text);
  // As Parse, without building a message: for hot paths that only need valid-or-not.
  static std::optional<Version> TryParse(std::string_view text);

  const Number& epoch() const { return epoch_; }
  const std::vector<Number>& release() const { return release_; }  // Never empty.
  const std::optional<PreRelease>& pre() const { return pre_; }
  const std::optional<Number>& post() const { return post_; }
  const std::optional<Number>& dev() const { return dev_; }
  const std::vector<LocalSegment>& local() const { return local_; }  // Empty: no local label.
  bool has_local() const { return !local_.empty(); }
  // The local label joined with '.', or nullopt.
  std::optional<std::string> LocalString() const;

  // release[0..2], 0 when absent.
  const Number& major() const { return ReleaseAt(0); }
  const Number& minor() const { return ReleaseAt(1); }
  const Number& micro() const { return ReleaseAt(2); }
  const Number& ReleaseAt(size_t index) const;

  bool is_prerelease() const { return pre_.has_value() || dev_.has_value(); }
  bool is_postrelease() const { return post_.has_value(); }
  bool is_devrelease() const { return dev_.has_value(); }

  std::string ToString() const;     // Normalised: "1!2.0a1.post3.dev4+abc.5".
  std::string Public() const;       // ToString() without the local label.
  std::string BaseVersion() const;  // Epoch and release only: "1!2.0".

  // The same version without its local label / with only epoch and release.
  Version WithoutLocal() const;
  Version BaseOnly() const;

  // Consistent with ==: equal versions (1.0, 1.0.0) hash alike. Allocation-free.
  size_t Hash() const;

  // Three-way PEP 440 comparison (packaging's _key order). Allocation-free.
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) {
    return (a <=> b) == std::strong_ordering::equal;
  }

 private:
  Number epoch_;
  std::vector<Number> release_;
  std::optional<PreRelease> pre_;
  std::optional<Number> post_;
  std::optional<Number> dev_;
  std::vector<LocalSegment> local_;
  size_t release_significant_ = 0;  // release_ length without trailing zeros (comparison key).

  friend class VersionParser;
};

}  // namespace drydock::pyenv

template <>
struct std::hash<drydock::pyenv::Version> {
  size_t operator()(const drydock::pyenv::Version& v) const { return v.Hash(); }
};

#endif  // DRYDOCK_PYENV_VERSION_H_
