// Participant codes: study pseudonyms are accepted (normalised); text that looks like
// a Safe Harbor identifier is refused with its category named.
#include <gtest/gtest.h>

#include "trialxr/records/participant_code.h"

namespace trialxr::testing {
namespace {

using records::validate_participant_code;

TEST(ParticipantCode, AcceptsStudyCodesAndNormalises) {
  for (const char* code : {"P-0042", "SITE3-017", "TXR-A17", "AB_12"}) {
    auto r = validate_participant_code(code);
    ASSERT_TRUE(r) << code << ": " << r.error().message;
    EXPECT_EQ(*r, code);
  }
  EXPECT_EQ(validate_participant_code("  p-0042 \n").value(), "P-0042");
}

void expect_refused(std::string_view text, std::string_view category) {
  auto r = validate_participant_code(text);
  ASSERT_FALSE(r) << text << " was accepted as " << *r;
  EXPECT_NE(r.error().message.find(category), std::string::npos)
      << text << ": " << r.error().message;
}

TEST(ParticipantCode, RefusesEmailAddresses) {
  expect_refused("maria.lopez@example.org", "e-mail address");
  expect_refused("p42@clinic", "e-mail address");
}

TEST(ParticipantCode, RefusesPhoneAndFaxNumbers) {
  expect_refused("555-123-4567", "phone or fax number");
  expect_refused("+1 (555) 123 4567", "phone or fax number");
  expect_refused("030 1234 567", "phone or fax number");
}

TEST(ParticipantCode, RefusesDates) {
  for (const char* d :
       {"2024-03-01", "01/03/2024", "1.3.24", "1 March 2024", "March 1, 2024", "P-3 Jan 1990"})
    expect_refused(d, "a date");
}

TEST(ParticipantCode, RefusesSocialSecurityAndLongDigitRuns) {
  expect_refused("123-45-6789", "social security number");
  expect_refused("MRN1234567", "long run of digits");
  expect_refused("P-004211", "long run of digits");
}

TEST(ParticipantCode, RefusesUrlsAndIpAddresses) {
  expect_refused("https://clinic.example/p42", "web address");
  expect_refused("www.lopez.com", "web address");
  expect_refused("192.168.1.20", "IP address");
}

TEST(ParticipantCode, RefusesPersonalNames) {
  expect_refused("Maria Lopez", "personal name");
  expect_refused("John Q Public", "personal name");
  // Letters alone may be a name or initials even without capitals.
  expect_refused("lopez", "no digit");
}

TEST(ParticipantCode, RefusesZipCodes) {
  expect_refused("94110", "ZIP code");
  expect_refused("P-12345", "ZIP code");
}

TEST(ParticipantCode, RefusesOtherCharactersEmptyAndLong) {
  expect_refused("", "empty");
  expect_refused("P 42 x", "only letters");
  expect_refused("P-42-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "at most");
}

}  // namespace
}  // namespace trialxr::testing
