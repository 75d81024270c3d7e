// Image reference normalisation, as Docker's reference.ParseNormalizedNamed + TagNameOnly do
// it: `base` = `base:latest` = `docker.io/library/base:latest`, `mycorp/base` =
// `docker.io/mycorp/base:latest`, `index.docker.io/x` = `docker.io/library/x:latest`. Two
// references name the same image exactly when their normalised forms are equal.
#ifndef DRYDOCK_GRAPH_IMAGE_REF_H_
#define DRYDOCK_GRAPH_IMAGE_REF_H_

#include <string>
#include <string_view>

namespace drydock::graph {

// The fully qualified form of `ref` (domain, path, and `:tag` or `@digest`; `:latest` when
// neither is given). Malformed input is returned lower-level normalised but never rejected:
// callers compare, they do not validate.
std::string NormalizeImageRef(std::string_view ref);

// The short form people write: `docker.io/library/base:latest` → `base:latest`.
std::string FamiliarImageRef(std::string_view normalized);

}  // namespace drydock::graph

#endif  // DRYDOCK_GRAPH_IMAGE_REF_H_
