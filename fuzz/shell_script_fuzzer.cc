// The lint shell reader on arbitrary bytes: nothing may crash, hang or trip a sanitizer, and
// every offset and view must stay inside the script (rules map them back to the Dockerfile).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lint/shell_script.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// `view` is empty or lies within `text`.
bool Inside(std::string_view view, std::string_view text) {
  return view.empty() ||
         (view.data() >= text.data() && view.data() + view.size() <= text.data() + text.size());
}

void CheckWord(const drydock::lint::ShellWord& w, std::string_view text) {
  Check(w.begin <= w.end && w.end <= text.size());
  Check(Inside(w.raw, text));
  Check(w.raw.size() == w.end - w.begin);
  (void)w.value.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A copy of exactly `size` bytes, so reading one past the script trips AddressSanitizer.
  std::string copy(reinterpret_cast<const char*>(data), size);
  std::string_view text(copy);
  drydock::lint::ShellScript script = drydock::lint::ParseShellScript(text);
  uint32_t previous_begin = 0;
  for (const drydock::lint::ShellCommand& c : script.commands) {
    (void)c.Name();
    Check(c.begin <= c.end && c.end <= size);
    Check(c.begin >= previous_begin);  // Source order.
    previous_begin = c.begin;
    Check(c.depth >= 0);
    Check(!c.words.empty() || !c.assignments.empty() || !c.redirects.empty() ||
          !c.heredocs.empty());
    Check(c.redirect_ops.size() == c.redirects.size());
    for (const auto& w : c.assignments) CheckWord(w, text);
    for (const auto& w : c.words) CheckWord(w, text);
    for (const auto& w : c.redirects) CheckWord(w, text);
    for (std::string_view op : c.redirect_ops) Check(!op.empty() && Inside(op, text));
    for (const auto& h : c.heredocs) {
      Check(h.body_begin <= h.body_end && h.body_end <= size);
      Check(Inside(h.body, text) && h.body.size() == h.body_end - h.body_begin);
    }
  }
  for (const std::string& problem : script.problems) Check(!problem.empty());
  Check(script.problems.size() <= 1);
  return 0;
}
