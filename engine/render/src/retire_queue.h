// RetireQueue: objects the GPU may still be using, kept until the frame that last
// could use them has finished. Frames are numbered by submission serial; an object
// retired while serial S is the latest submission is destroyed once S has completed
// (Granite-style per-frame retire lists, one queue ordered by serial).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <utility>

namespace trialxr::render {

class RetireQueue {
 public:
  RetireQueue() = default;
  RetireQueue(const RetireQueue&) = delete;
  RetireQueue& operator=(const RetireQueue&) = delete;
  ~RetireQueue() { destroy_all(); }

  // Takes ownership of `object`; it is destroyed by collect() once `serial` completed.
  template <class T>
  void retire(T object, std::uint64_t serial) {
    entries_.push_back({serial, std::make_unique<Holder<T>>(std::move(object))});
  }

  // Destroys, oldest first, everything retired at or before `completed_serial`.
  void collect(std::uint64_t completed_serial) {
    while (!entries_.empty() && entries_.front().serial <= completed_serial) entries_.pop_front();
  }

  // Destroys everything, oldest first; the caller has waited for the device.
  void destroy_all() {
    while (!entries_.empty()) entries_.pop_front();
  }

  std::size_t size() const { return entries_.size(); }

 private:
  struct HolderBase {
    virtual ~HolderBase() = default;
  };
  template <class T>
  struct Holder final : HolderBase {
    explicit Holder(T v) : value(std::move(v)) {}
    T value;
  };
  struct Entry {
    std::uint64_t serial;
    std::unique_ptr<HolderBase> object;
  };
  std::deque<Entry> entries_;
};

}  // namespace trialxr::render
