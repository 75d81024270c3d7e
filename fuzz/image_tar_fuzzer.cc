// The image reader on arbitrary bytes: as one layer (tar walk, whiteouts, path normalisation,
// gzip/zstd sniffing and inflate) stacked onto a merged tree, and as a whole docker save / OCI
// archive. Nothing may crash, hang, trip a sanitizer or allocate from an untrusted size; symlink
// resolution over whatever tree results must terminate.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "image/byte_source.h"
#include "image/image.h"
#include "image/image_file_system.h"
#include "image/layer.h"
#include "image/merged_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock;
  using namespace drydock::image;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  IndexOptions options;
  options.digest_all = true;
  options.keep_content = [](std::string_view, uint64_t) { return uint64_t{64}; };
  {
    MemoryByteSource src(bytes);
    Result<LayerRecord> layer = IndexLayer(src, options, "fuzz");
    if (layer.ok()) {
      MergedTree tree;
      // Twice: the second application exercises whiteouts and replacement over the first.
      if (tree.ApplyLayer(*layer, 0).ok() && tree.ApplyLayer(*layer, 1).ok()) {
        ImageFileSystem fs(tree);
        for (const auto& [path, node] : tree.nodes()) {
          (void)tree.Resolve(path, true);
          (void)fs.ReadFile(path);
          (void)fs.ListDirectory(path);
        }
      }
    }
  }
  {
    MemoryByteSource src(bytes);
    Result<Image> image = ReadImageArchive(src, options, "fuzz");
    (void)image;
  }
  return 0;
}
