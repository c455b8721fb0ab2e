#include "po_call.h"

#include <csetjmp>
#include <cstddef>
#include <mutex>
#include <string_view>

#include "trialxr/core/check.h"

namespace trialxr::l10n::detail {

namespace {

struct ActiveCall {
  std::string path;
  std::vector<PoProblem>* problems = nullptr;
  std::jmp_buf fatal;
};

// The call in progress on this thread (see po_call.h for why this is not a parameter).
thread_local ActiveCall* t_active = nullptr;

std::mutex& library_mutex() {
  static std::mutex m;
  return m;
}

constexpr std::size_t kUnknown = static_cast<std::size_t>(-1);

std::uint32_t position(std::size_t value) {
  return value == kUnknown ? 0u : static_cast<std::uint32_t>(value);
}

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

Severity severity_of(int po_severity) {
  return po_severity == PO_SEVERITY_WARNING ? Severity::warning : Severity::error;
}

void record(int severity, const char* filename, std::size_t lineno, std::size_t column,
            std::string message) {
  TRIALXR_CHECK(t_active != nullptr);
  PoProblem p;
  p.severity = severity_of(severity);
  p.file = filename != nullptr ? filename : t_active->path;
  p.line = filename != nullptr ? position(lineno) : 0;
  p.column = p.line > 0 ? position(column) : 0;
  p.message = std::move(message);
  t_active->problems->push_back(std::move(p));
}

// No object with a destructor may be alive in these frames when they long-jump.
void on_error(int severity, po_message_t, const char* filename, std::size_t lineno,
              std::size_t column, int, const char* text) {
  record(severity, filename, lineno, column, trimmed(text));
  if (severity == PO_SEVERITY_FATAL_ERROR) std::longjmp(t_active->fatal, 1);
}

void on_error2(int severity, po_message_t, const char* filename1, std::size_t lineno1,
               std::size_t column1, int, const char* text1, po_message_t, const char* filename2,
               std::size_t lineno2, std::size_t, int, const char* text2) {
  {
    std::string message = trimmed(text1);
    // The second place is the other message involved ("the first definition"); it is
    // only worth saying when libgettextpo knows where that is.
    if (filename2 != nullptr && lineno2 != kUnknown) {
      message += " (" + trimmed(text2) + ": " + std::string(filename2) + ":" +
                 std::to_string(lineno2) + ")";
    }
    record(severity, filename1, lineno1, column1, std::move(message));
  }
  if (severity == PO_SEVERITY_FATAL_ERROR) std::longjmp(t_active->fatal, 1);
}

constexpr po_xerror_handler kHandler{on_error, on_error2};

// The frames below hold only trivially destructible objects: a fatal report long-jumps
// out of libgettextpo to here. What libgettextpo had allocated for the call is lost.
po_file_t read_or_null(ActiveCall& call) {
  if (setjmp(call.fatal) != 0) return nullptr;
  return po_file_read(call.path.c_str(), &kHandler);
}

bool write_or_false(ActiveCall& call, po_file_t file) {
  if (setjmp(call.fatal) != 0) return false;
  return po_file_write(file, call.path.c_str(), &kHandler) != nullptr;
}

class Activation {
 public:
  explicit Activation(ActiveCall& call) : lock_(library_mutex()) { t_active = &call; }
  ~Activation() { t_active = nullptr; }
  Activation(const Activation&) = delete;
  Activation& operator=(const Activation&) = delete;

 private:
  std::lock_guard<std::mutex> lock_;
};

}  // namespace

po_file_t guarded_read(const std::string& path, std::vector<PoProblem>& problems) {
  ActiveCall call;
  call.path = path;
  call.problems = &problems;
  Activation active(call);
  return read_or_null(call);
}

bool guarded_write(po_file_t file, const std::string& path, std::vector<PoProblem>& problems) {
  ActiveCall call;
  call.path = path;
  call.problems = &problems;
  Activation active(call);
  return write_or_false(call, file);
}

}  // namespace trialxr::l10n::detail
