#include "trialxr/l10n/po_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "po_call.h"

namespace trialxr::l10n {

namespace {

po_message_t message_of(const CatalogEntry& e) {
  po_message_t m = po_message_create();
  po_message_set_msgctxt(m, e.line_id.c_str());
  po_message_set_msgid(m, e.source.c_str());
  po_message_set_msgstr(m, e.translation.c_str());
  if (!e.kind.empty()) po_message_set_extracted_comments(m, e.kind.c_str());
  if (!e.translator_comment.empty()) po_message_set_comments(m, e.translator_comment.c_str());
  if (!e.reference_file.empty())
    po_message_add_filepos(m, e.reference_file.c_str(), e.reference_line);
  if (!e.previous_source.empty()) po_message_set_prev_msgid(m, e.previous_source.c_str());
  po_message_set_fuzzy(m, e.fuzzy ? 1 : 0);
  po_message_set_obsolete(m, e.obsolete ? 1 : 0);
  return m;
}

// The catalog as libgettextpo's in-memory file; the caller frees it.
po_file_t po_file_of(const Catalog& catalog) {
  po_file_t file = po_file_create();
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  if (!catalog.header.empty()) {
    po_message_t header = po_message_create();
    po_message_set_msgid(header, "");
    po_message_set_msgstr(header, catalog.header.c_str());
    po_message_insert(it, header);
  }
  for (const CatalogEntry& e : catalog.entries) po_message_insert(it, message_of(e));
  po_message_iterator_free(it);
  return file;
}

std::string errno_text() {
  return std::strerror(errno);
}

// Mode, sync and rename of the finished temporary file.
Status publish(const std::string& temp, const std::string& path, mode_t mode) {
  if (::chmod(temp.c_str(), mode) != 0) return fail(path + ": cannot set mode: " + errno_text());
  int fd = ::open(temp.c_str(), O_RDONLY);
  if (fd < 0) return fail(path + ": cannot reopen the written file: " + errno_text());
  int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return fail(path + ": cannot sync: " + errno_text());
  if (::rename(temp.c_str(), path.c_str()) != 0)
    return fail(path + ": cannot replace: " + errno_text());
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace

Status write_catalog(const std::string& path, const Catalog& catalog) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  mode_t mode = 0644;
  if (struct stat st{}; ::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  std::string temp = (dir / ("." + target.filename().string() + ".tmpXXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(path + ": cannot create a file in " + dir.string() + ": " + errno_text());
  ::close(fd);

  po_file_t file = po_file_of(catalog);
  std::vector<PoProblem> problems;
  bool written = detail::guarded_write(file, temp, problems);
  po_file_free(file);
  std::string reasons;
  for (const PoProblem& p : problems) {
    if (p.severity == Severity::warning) continue;
    reasons += (reasons.empty() ? "" : "; ") + p.message;
  }
  Status status;
  if (!written || !reasons.empty()) {
    status = fail(path + ": cannot write: " + (reasons.empty() ? "libgettextpo failed" : reasons));
  } else {
    status = publish(temp, path, mode);
  }
  if (!status) ::unlink(temp.c_str());
  return status;
}

}  // namespace trialxr::l10n
