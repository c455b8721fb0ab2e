// The fixture of the loader tests: settings reset before each test, and after it no message
// from the OpenXR core validation layer or the Vulkan validation layer.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "xr_test_app.h"

namespace trialxr::testing::xr {

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    control().reset();
    mark_ = CoreValidationLog::get().mark();
  }

  void TearDown() override {
    stop();
    EXPECT_EQ(CoreValidationLog::get().since(mark_), "") << "from the core validation layer";
  }

  // Ends the application; the Vulkan validation layer must have said nothing about it.
  void stop() {
    if (!app_) return;
    app_->shutdown();
    std::string all;
    for (const std::string& m : app_->vulkan_messages) all += m + "\n";
    EXPECT_TRUE(app_->vulkan_messages.empty()) << "Vulkan validation:\n" << all;
    app_.reset();
  }

  static RuntimeLibrary& control() { return RuntimeLibrary::get(); }

  XrApp& start(const AppOptions& options = {}) {
    app_ = std::make_unique<XrApp>(options);
    return *app_;
  }

  // What the core validation layer wrote since the test started; the test takes
  // responsibility for it (TearDown then expects nothing more).
  std::string take_core_validation_messages() {
    std::string text = CoreValidationLog::get().since(mark_);
    mark_ = CoreValidationLog::get().mark();
    return text;
  }

  std::unique_ptr<XrApp> app_;

 private:
  std::size_t mark_ = 0;
};

}  // namespace trialxr::testing::xr
