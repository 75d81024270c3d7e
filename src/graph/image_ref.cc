#include "graph/image_ref.h"

namespace drydock::graph {

namespace {

constexpr std::string_view kDefaultDomain = "docker.io";

// A first path component is a registry when it looks like a host: has a dot or a port, or is
// "localhost" (Docker's rule).
bool IsDomain(std::string_view component) {
  return component.find('.') != std::string_view::npos ||
         component.find(':') != std::string_view::npos || component == "localhost";
}

}  // namespace

std::string NormalizeImageRef(std::string_view ref) {
  std::string_view name = ref;
  std::string_view digest;
  if (size_t at = name.find('@'); at != std::string_view::npos) {
    digest = name.substr(at);
    name = name.substr(0, at);
  }
  std::string_view tag;
  size_t last_slash = name.rfind('/');
  size_t colon = name.rfind(':');
  if (colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash)) {
    tag = name.substr(colon);
    name = name.substr(0, colon);
  }
  std::string domain(kDefaultDomain);
  std::string_view path = name;
  size_t slash = name.find('/');
  if (slash != std::string_view::npos && IsDomain(name.substr(0, slash))) {
    domain = std::string(name.substr(0, slash));
    path = name.substr(slash + 1);
  }
  if (domain == "index.docker.io") domain = std::string(kDefaultDomain);
  std::string out = domain + "/";
  if (domain == kDefaultDomain && path.find('/') == std::string_view::npos) out += "library/";
  out += path;
  if (!tag.empty()) {
    out += tag;
  } else if (digest.empty()) {
    out += ":latest";
  }
  out += digest;
  return out;
}

std::string FamiliarImageRef(std::string_view normalized) {
  std::string_view s = normalized;
  constexpr std::string_view kLibrary = "docker.io/library/";
  constexpr std::string_view kHub = "docker.io/";
  if (s.substr(0, kLibrary.size()) == kLibrary) {
    std::string_view rest = s.substr(kLibrary.size());
    if (rest.find('/') == std::string_view::npos) return std::string(rest);
  }
  if (s.substr(0, kHub.size()) == kHub) return std::string(s.substr(kHub.size()));
  return std::string(s);
}

}  // namespace drydock::graph
