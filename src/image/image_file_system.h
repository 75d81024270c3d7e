// drydock::FileSystem over an image's merged tree, so code written against the FileSystem seam
// (the Python environment reader, the build-context walkers) runs on an image unchanged.
//  * Paths are absolute inside the image ("/usr/lib/python3.11"); a relative path is taken from
//    the image root. Nothing here touches the host.
//  * IsFile / IsDirectory / ReadFile / FileSha256 follow symlinks inside the image namespace
//    (absolute targets restart at the image root, `..` stops there, at most 40 hops);
//    ListDirectory follows symlinks in the directory path and lists entries lstat-style
//    (a symlink is reported with its unresolved target; a hard link is a file).
//  * Content exists only where IndexOptions::keep_content kept it: ReadFile on other files is an
//    Error "<path>: content not kept by the image index (N bytes)" and, for a kept prefix,
//    "<path>: only the first K of N bytes were kept"; ReadFileHead returns that prefix.
//  * FileSha256 answers from digests computed while the layers streamed (IndexOptions::digest),
//    else from whole kept content, else "<path>: digest not computed by the image index".
// The tree must outlive this object.
#ifndef DRYDOCK_IMAGE_IMAGE_FILE_SYSTEM_H_
#define DRYDOCK_IMAGE_IMAGE_FILE_SYSTEM_H_

#include <string>
#include <vector>

#include "base/file_system.h"
#include "image/merged_tree.h"

namespace drydock::image {

class ImageFileSystem final : public FileSystem {
 public:
  explicit ImageFileSystem(const MergedTree& tree) : tree_(tree) {}

  Result<std::string> ReadFile(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) const override;
  Result<Sha256Digest> FileSha256(const std::string& path) const override;

  // The kept leading bytes of a regular file (possibly all of it, possibly none).
  Result<std::string> ReadFileHead(const std::string& path) const;
  // The node at `path`, following symlinks (stat) or not in the last component (lstat), with the
  // resolved path.
  Result<std::pair<std::string, const Node*>> Stat(const std::string& path, bool follow) const;

 private:
  Result<const Content*> FileContent(const std::string& path) const;
  const MergedTree& tree_;
};

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_IMAGE_FILE_SYSTEM_H_
