// PEP 440 / 508 parsers on arbitrary bytes: Version, SpecifierSet, Marker and Requirement.
// Nothing may crash, hang or trip a sanitizer, and every parsed value must print back to text
// that parses to the same value (the same normalised string, and for versions an equal one).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pyenv/canonical_name.h"
#include "pyenv/marker.h"
#include "pyenv/requirement.h"
#include "pyenv/specifier.h"
#include "pyenv/version.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

// Marker values are printed raw between quotes, as packaging prints them; a value holding a
// quote of each kind, a backslash or a line break cannot be read back (by packaging either).
bool Printable(const std::string& text) {
  return text.find('\\') == std::string::npos && text.find('\n') == std::string::npos &&
         text.find('\r') == std::string::npos && text.find('\0') == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock::pyenv;
  std::string text(reinterpret_cast<const char*>(data), size);

  if (auto v = Version::Parse(text); v.ok()) {
    auto again = Version::Parse(v->ToString());
    Check(again.ok() && *again == *v && again->ToString() == v->ToString());
    Check((*v <=> *again) == 0);
    (void)CanonicalizeVersion(text);
  }

  if (auto s = SpecifierSet::Parse(text); s.ok()) {
    auto again = SpecifierSet::Parse(s->ToString());
    Check(again.ok() && again->ToString() == s->ToString());
    for (const char* probe : {"1.0", "2.0a1", "0", "1!1.0.post1+local", "10.4.dev2"}) {
      (void)s->Contains(std::string_view(probe));
      (void)s->Contains(std::string_view(probe), false, true);
    }
    (void)s->Filter({"1.0", "2.0a1", text});
  }

  MarkerEnvironment env;
  env.values = {{"python_version", "3.11"}, {"python_full_version", "3.11.2"},
                {"os_name", "posix"}, {"sys_platform", "linux"}, {"platform_release", "6.1.0"},
                {"implementation_version", "3.11.2"}, {"platform_machine", "x86_64"}};
  if (auto m = Marker::Parse(text); m.ok()) {
    std::string printed = m->ToString();
    if (Printable(printed)) {
      auto again = Marker::Parse(printed);
      Check(again.ok() && again->ToString() == printed);
    }
    (void)m->Evaluate(env);
    (void)m->Evaluate(env, MarkerContext::kLockFile);
  }

  if (auto r = Requirement::Parse(text); r.ok()) {
    std::string printed = r->ToString();
    if (Printable(printed)) {
      auto again = Requirement::Parse(printed);
      Check(again.ok() && again->ToString() == printed);
    }
    (void)CanonicalizeName(r->name());
    if (r->marker()) (void)r->marker()->EvaluateWithExtra(env, "test");
  }
  (void)CanonicalizeName(text);
  (void)IsNormalizedName(text);
  return 0;
}
