#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

#include "trialxr/narration/speech.h"

namespace trialxr::narration {
namespace {

double rms(const Pcm& pcm) {
  double sum = 0.0;
  for (float s : pcm.samples) sum += static_cast<double>(s) * static_cast<double>(s);
  return pcm.samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(pcm.samples.size()));
}

TEST(NarrationSpeech, VoicesForLanguages) {
  EXPECT_EQ(speech_voice_for("en"), "en-us");
  EXPECT_EQ(speech_voice_for("en-GB"), "en-us");
  EXPECT_EQ(speech_voice_for("en_US"), "en-us");
  for (const char* tag :
       {"zh", "zh-Hans", "zh-CN", "ZH_cn", "zh-Hant", "zh-TW", "cmn", "cmn-Hans-CN"})
    EXPECT_EQ(speech_voice_for(tag), "cmn-latn-pinyin") << tag;
  EXPECT_EQ(speech_voice_for("zh-HK"), "yue");
  EXPECT_EQ(speech_voice_for("zh-yue"), "yue");
  EXPECT_EQ(speech_voice_for("yue"), "yue");
  EXPECT_EQ(speech_voice_for("fr"), "fr");
  EXPECT_EQ(speech_voice_for("fr-CA"), "fr");
  EXPECT_EQ(speech_voice_for("pt-BR"), "pt-br");
  EXPECT_EQ(speech_voice_for("pt"), "pt");
  EXPECT_EQ(speech_voice_for("es-MX"), "es-419");
  EXPECT_EQ(speech_voice_for("de-DE"), "de");
  EXPECT_EQ(speech_voice_for("tlh"), "");  // Klingon is "piqd" to espeak-ng
  EXPECT_EQ(speech_voice_for(""), "");
  EXPECT_EQ(speech_voice_for("-"), "");
}

TEST(NarrationSpeech, SourceNamesVersionAndVoice) {
  const std::string en = speech_source("en");
  EXPECT_EQ(en.rfind("espeak-ng 1.", 0), 0u) << en;
  EXPECT_TRUE(en.ends_with(" voice en-us")) << en;
  const std::string zh = speech_source("zh");
  EXPECT_NE(zh.find(" voice cmn-latn-pinyin"), std::string::npos) << zh;
  EXPECT_EQ(speech_source("tlh"), "");
}

void expect_speech(const Result<Pcm>& pcm) {
  ASSERT_TRUE(pcm.has_value()) << pcm.error().message;
  EXPECT_EQ(pcm->sample_rate, 48000);
  EXPECT_GT(pcm->seconds(), 0.5);
  EXPECT_LT(pcm->seconds(), 5.0);
  EXPECT_GT(rms(*pcm), 0.01);
  // Trimmed: starts and ends within 50 ms of sound.
  const auto loud = [](float s) { return std::fabs(s) >= 1e-3f; };
  const auto first = std::find_if(pcm->samples.begin(), pcm->samples.end(), loud);
  EXPECT_LE(first - pcm->samples.begin(), 2400);
  const auto last = std::find_if(pcm->samples.rbegin(), pcm->samples.rend(), loud);
  EXPECT_LE(last - pcm->samples.rbegin(), 2400);
}

TEST(NarrationSpeech, EnglishIsSpokenDeterministically) {
  Result<Pcm> a = synthesise("Please make a fist.", "en");
  expect_speech(a);
  Result<Pcm> b = synthesise("Please make a fist.", "en");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->samples, b->samples);
  Result<Pcm> other = synthesise("Please relax your hand.", "en");
  ASSERT_TRUE(other.has_value());
  EXPECT_NE(a->samples, other->samples);
}

TEST(NarrationSpeech, ChineseIsSpokenAsMandarin) {
  Result<Pcm> a = synthesise("请握紧拳头。", "zh");
  expect_speech(a);
  Result<Pcm> b = synthesise("请握紧拳头。", "zh");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->samples, b->samples);

  // About as long as the same syllables given as pinyin: no character skipped or spelt out
  // as a "Chinese letter", as a voice for another language would.
  Result<Pcm> pinyin = synthesise("qing3 wo4 jin3 quan2 tou2", "zh");
  ASSERT_TRUE(pinyin.has_value()) << pinyin.error().message;
  EXPECT_NEAR(a->seconds() / pinyin->seconds(), 1.0, 0.3);
}

TEST(NarrationSpeech, ChineseIsReadAsMandarinNotEnglishLetters) {
  // espeak-ng's plain "cmn" voice reads the pinyin of 血, 大约 and 分钟 with English rules:
  // "(en)zju:f'o@_| daf'o@(cmn)..." ("xue four, da four"). Comparing lengths with the
  // pinyin cannot show it (that voice reads typed pinyin with the same English rules), the
  // phonemes can: Mandarin syllables with tone contours and no stretch in English.
  Result<std::string> phonemes = speech_phonemes("抽血大约需要五分钟。请握紧拳头！", "zh");
  ASSERT_TRUE(phonemes.has_value()) << phonemes.error().message;
  EXPECT_EQ(phonemes->find("(en)"), std::string::npos) << *phonemes;
  // One syllable per character, each with its tone contour, e.g. "S;'yE51_|" for 血.
  std::vector<std::string> syllables;
  for (std::size_t from = 0, bar; (bar = phonemes->find("_|", from)) != std::string::npos;
       from = bar + 2)
    syllables.push_back(phonemes->substr(from, bar - from));
  EXPECT_EQ(syllables.size(), 14u) << *phonemes;
  for (const std::string& s : syllables)
    EXPECT_NE(s.find_first_of("12345"), std::string::npos) << s << " in " << *phonemes;
  // English words inside Chinese text are marked, so the check above can see them.
  Result<std::string> mixed = speech_phonemes("请握紧拳头 first", "zh");
  ASSERT_TRUE(mixed.has_value());
  EXPECT_NE(mixed->find("(en)"), std::string::npos) << *mixed;

  Result<std::string> english = speech_phonemes("Please make a fist.", "en");
  ASSERT_TRUE(english.has_value());
  EXPECT_EQ(*english, "pl'i:z m,eIk a# f'Ist");
}

TEST(NarrationSpeech, CallsFromSeveralThreadsTakeTurns) {
  const Result<Pcm> en = synthesise("Please make a fist.", "en");
  const Result<Pcm> zh = synthesise("请握紧拳头。", "zh");
  ASSERT_TRUE(en.has_value() && zh.has_value());
  Result<Pcm> en2 = fail("not run"), zh2 = fail("not run");
  std::thread a([&] { en2 = synthesise("Please make a fist.", "en"); });
  std::thread b([&] { zh2 = synthesise("请握紧拳头。", "zh"); });
  a.join();
  b.join();
  ASSERT_TRUE(en2.has_value() && zh2.has_value());
  EXPECT_EQ(en2->samples, en->samples);
  EXPECT_EQ(zh2->samples, zh->samples);
}

TEST(NarrationSpeech, ErrorsSayWhatIsWrong) {
  Result<Pcm> klingon = synthesise("nuqneH", "tlh");
  ASSERT_FALSE(klingon.has_value());
  EXPECT_EQ(klingon.error().message, "no speech voice for language 'tlh'; give a recorded file");

  EXPECT_FALSE(speech_phonemes("nuqneH", "tlh").has_value());

  Result<Pcm> nothing = synthesise("   ", "en");
  ASSERT_FALSE(nothing.has_value());
  EXPECT_NE(nothing.error().message.find("made no sound"), std::string::npos)
      << nothing.error().message;
}

}  // namespace
}  // namespace trialxr::narration
