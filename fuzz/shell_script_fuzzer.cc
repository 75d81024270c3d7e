// The lint shell reader on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lint/shell_script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  drydock::lint::ShellScript script = drydock::lint::ParseShellScript(text);
  for (const auto& c : script.commands) {
    (void)c.Name();
    for (const auto& w : c.words) {
      if (w.begin > w.end || w.end > size) __builtin_trap();
    }
  }
  return 0;
}
