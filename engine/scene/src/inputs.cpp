// What each input does. An input that does not apply (nothing to continue, a choice
// with no quiz shown, anything but language/coordinator/pause/back while paused)
// returns false and changes nothing.
#include <algorithm>

#include "player_impl.h"

namespace trialxr::scene {

using bundle::kNone;
using detail::Pending;
using detail::PendingKind;

bool Player::Impl::apply(const InputRecord& input) {
  ++inputs_applied;
  switch (input.kind) {
    case InputKind::press_continue:
      return do_continue();
    case InputKind::choose:
      return do_choose(input.value);
    case InputKind::select:
      return do_select(input.options);
    case InputKind::submit:
      return do_submit();
    case InputKind::pause:
      if (paused) return false;
      paused = true;
      emit(event(EventKind::paused));
      return true;
    case InputKind::resume:
      if (!paused) return false;
      paused = false;
      emit(event(EventKind::resumed));
      settle();
      return true;
    case InputKind::back:
      return do_back();
    case InputKind::ask_coordinator:
      if (coordinator) return false;
      coordinator = true;
      emit(event(EventKind::coordinator_requested));
      return true;
    case InputKind::dismiss_coordinator:
      if (!coordinator) return false;
      coordinator = false;
      emit(event(EventKind::coordinator_dismissed));
      return true;
    case InputKind::set_language: {
      if (input.value >= b.languages().size() || input.value == language) return false;
      language = input.value;
      retime_narration();
      Event e = event(EventKind::language_changed);
      e.value = language;
      emit(e);
      return true;
    }
  }
  return false;
}

bool Player::Impl::do_continue() {
  if (paused || ended) return false;
  if (quiz.active && (quiz.answered || exploring())) {
    Event e = event(EventKind::continued);
    e.cue = quiz.cue;
    e.quiz = quiz.quiz;
    emit(e);
    const std::uint32_t branch = quiz.branch_step;
    const std::uint32_t cue = quiz.cue;
    const auto it = std::find_if(pending.begin(), pending.end(), [&](const Pending& p) {
      return p.kind == PendingKind::quiz && p.cue == cue;
    });
    if (it != pending.end()) pending.erase(it);
    reset_quiz();
    if (branch != kNone) {
      enter_step(branch);
    } else {
      for (const Pending& p : pending) {
        if (p.kind != PendingKind::quiz) continue;
        activate_quiz(p.cue);
        break;
      }
    }
    settle();
    return true;
  }
  const std::size_t removed =
      std::erase_if(pending, [](const Pending& p) { return p.kind == PendingKind::wait_continue; });
  if (removed == 0) return false;
  emit(event(EventKind::continued));
  settle();
  return true;
}

bool Player::Impl::do_choose(std::uint32_t option) {
  if (paused || ended || !quiz.active || quiz.answered) return false;
  const bundle::QuizRecord& q = b.quizzes()[quiz.quiz];
  if (option >= q.option_count) return false;
  if (q.kind == bundle::QuizKind::explore) {
    // Looking at a visit: its details show until another is chosen or the patient goes on.
    if (quiz.selected[option] != 0) return false;  // already shown
    std::fill(quiz.selected.begin(), quiz.selected.end(), 0);
    quiz.selected[option] = 1;
    quiz.feedback_line = b.options()[q.first_option + option].feedback_line;
    Event e = event(EventKind::explored);
    e.cue = quiz.cue;
    e.quiz = quiz.quiz;
    e.value = option;
    e.line = quiz.feedback_line;
    emit(e);
    return true;
  }
  if (q.kind == bundle::QuizKind::multiple) {
    quiz.selected[option] = quiz.selected[option] != 0 ? 0 : 1;
    return true;
  }
  std::fill(quiz.selected.begin(), quiz.selected.end(), 0);
  quiz.selected[option] = 1;
  answer();
  return true;
}

bool Player::Impl::do_select(const std::vector<std::uint32_t>& chosen) {
  if (paused || ended || !quiz.active || quiz.answered) return false;
  const bundle::QuizRecord& q = b.quizzes()[quiz.quiz];
  for (std::uint32_t o : chosen)
    if (o >= q.option_count) return false;
  if (q.kind != bundle::QuizKind::multiple) {
    if (chosen.empty() ||
        std::any_of(chosen.begin(), chosen.end(), [&](std::uint32_t o) { return o != chosen[0]; }))
      return false;
    return do_choose(chosen[0]);
  }
  std::fill(quiz.selected.begin(), quiz.selected.end(), 0);
  for (std::uint32_t o : chosen) quiz.selected[o] = 1;
  return true;
}

bool Player::Impl::do_submit() {
  if (paused || ended || !quiz.active || quiz.answered) return false;  // explore: not multiple
  if (b.quizzes()[quiz.quiz].kind != bundle::QuizKind::multiple) return false;
  if (std::none_of(quiz.selected.begin(), quiz.selected.end(),
                   [](std::uint8_t s) { return s != 0; }))
    return false;
  answer();
  return true;
}

// Single and true-false: right when the chosen option is marked correct. Multiple: right
// when the chosen set is exactly the correct set. A right answer shows the feedback of
// the first chosen option that has one, and goes on. A wrong answer shows the feedback
// of the first chosen wrong option (none when the only mistake is a missing option) and
// leads to that option's goto, else the quiz's `wrong goto`, else on.
void Player::Impl::answer() {
  const bundle::QuizRecord& q = b.quizzes()[quiz.quiz];
  const auto opts = b.options().subspan(q.first_option, q.option_count);
  auto is_correct = [&](std::size_t i) { return (opts[i].flags & bundle::kOptionCorrect) != 0; };
  bool correct = true;
  std::uint32_t feedback = kNone;
  std::uint32_t branch = kNone;
  std::vector<std::uint32_t>& chosen = answer_scratch;
  chosen.clear();
  for (std::size_t i = 0; i < opts.size(); ++i) {
    const bool picked = quiz.selected[i] != 0;
    if (picked) chosen.push_back(static_cast<std::uint32_t>(i));
    if (q.kind == bundle::QuizKind::multiple ? picked != is_correct(i) : picked && !is_correct(i))
      correct = false;
  }
  if (correct) {
    for (std::uint32_t i : chosen) {
      if (opts[i].feedback_line == kNone) continue;
      feedback = opts[i].feedback_line;
      break;
    }
  } else {
    for (std::uint32_t i : chosen) {
      if (is_correct(i)) continue;
      feedback = opts[i].feedback_line;
      branch = opts[i].go_to_step;
      break;
    }
    if (branch == kNone) branch = q.wrong_step;
  }
  quiz.answered = true;
  quiz.correct = correct;
  quiz.feedback_line = feedback;
  quiz.branch_step = correct ? kNone : branch;

  Event e = event(EventKind::answer_given);
  e.cue = quiz.cue;
  e.quiz = quiz.quiz;
  e.correct = correct;
  emit(e, chosen);
  if (feedback != kNone) {
    Event f = event(EventKind::feedback_shown);
    f.cue = quiz.cue;
    f.quiz = quiz.quiz;
    f.line = feedback;
    emit(f);
  }
}

bool Player::Impl::do_back() {
  if (history_count == 0) return false;
  const std::uint32_t from = step;
  if (history_count >= 2) --history_count;
  const detail::HistoryEntry& h = history[history_count - 1];
  state = h.state;
  state.shift(scene - h.time);
  state.narration.clear();
  step = h.step;
  next_cue = 0;
  pending.clear();
  reset_quiz();
  ended = false;
  Event e = event(EventKind::back);
  e.value = from;
  emit(e);
  emit(event(EventKind::step_entered));
  settle();
  return true;
}

}  // namespace trialxr::scene
