// Action sets, actions, suggested bindings, synchronisation, action state and haptics.
//
// Index
//   [Action sets and actions]     creation, names, destruction
//   [Bindings]                    suggestions, attachment, the current interaction profile
//   [Synchronisation and state]   xrSyncActions, xrGetActionState*, bound sources
//   [Haptics]                     xrApplyHapticFeedback, xrStopHapticFeedback
//
// The simulated controllers present the Khronos simple controller: once the application has
// suggested bindings for it, the first xrSyncActions of a running session selects it for both
// hands (an XrEventDataInteractionProfileChanged tells the application) and its bindings
// drive the actions. Suggestions for the other four profiles are checked and kept, unused.
#include "actions.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "entry_points.h"
#include "interaction_profiles.h"
#include "paths.h"

namespace trialxr::xrt {
namespace {

template <std::size_t N>
bool terminated(const char (&text)[N]) {
  return std::memchr(text, '\0', N) != nullptr;
}

bool action_type_known(XrActionType type) {
  return type == XR_ACTION_TYPE_BOOLEAN_INPUT || type == XR_ACTION_TYPE_FLOAT_INPUT ||
         type == XR_ACTION_TYPE_VECTOR2F_INPUT || type == XR_ACTION_TYPE_POSE_INPUT ||
         type == XR_ACTION_TYPE_VIBRATION_OUTPUT;
}

// Names: non-empty, one path level, unique among the siblings (`others`).
template <class Item>
XrResult check_names(std::string_view name, std::string_view localized,
                     const std::vector<std::shared_ptr<Item>>& others) {
  if (name.empty()) return XR_ERROR_NAME_INVALID;
  if (localized.empty()) return XR_ERROR_LOCALIZED_NAME_INVALID;
  if (!well_formed_path_level(name)) return XR_ERROR_PATH_FORMAT_INVALID;
  for (const auto& other : others) {
    if (other->name == name) return XR_ERROR_NAME_DUPLICATED;
    if (other->localized_name == localized) return XR_ERROR_LOCALIZED_NAME_DUPLICATED;
  }
  return XR_SUCCESS;
}

const ActionSetData* attached_set(const Session& session, uint64_t set) {
  for (const auto& s : session.actions.sets)
    if (s->id == set) return s.get();
  return nullptr;
}

// The hand a subaction path filter names; nothing for XR_NULL_PATH (all) and for user paths
// without controllers (which then match no source).
struct HandFilter {
  bool all = true;
  std::optional<uint32_t> hand;
  bool matches(uint32_t h) const { return all || hand == h; }
};

HandFilter filter_for(const Instance& instance, XrPath subaction) {
  if (subaction == XR_NULL_PATH) return {};
  const std::string* text = instance.paths.find(subaction);
  return {false, text != nullptr ? hand_of(*text) : std::nullopt};
}

bool input_value(const Controller& c, Input input) {
  return input == Input::select ? c.select : input == Input::menu ? c.menu : false;
}

XrTime input_changed(const Controller& c, Input input) {
  return input == Input::select ? c.select_changed : input == Input::menu ? c.menu_changed : 0;
}

// Which (set, hand) pairs the last sync activated, and the priority rule: an input source
// bound in a higher-priority active set hides the bindings of lower-priority sets.
class Activity {
 public:
  Activity(const Instance& instance, const Session& session) {
    for (const auto& [set, subaction] : session.actions.active_sets) {
      for (uint32_t hand = 0; hand < 2; ++hand)
        if (filter_for(instance, subaction).matches(hand)) active_.insert({set->id, hand});
    }
    for (const auto& [action, sources] : session.actions.bindings) {
      const ActionSetData* set = attached_set(session, action->set);
      for (const Source& s : sources) {
        if (s.input == Input::haptic || !active(action->set, s.hand)) continue;
        uint32_t& top = top_priority_[key(s)];
        top = std::max(top, set->priority);
      }
    }
  }

  bool active(uint64_t set, uint32_t hand) const { return active_.contains({set, hand}); }

  bool contributes(const Session& session, const ActionData& action, const Source& s) const {
    if (!active(action.set, s.hand)) return false;
    if (s.input == Input::haptic) return true;
    auto it = top_priority_.find(key(s));
    return it == top_priority_.end() || attached_set(session, action.set)->priority >= it->second;
  }

 private:
  static uint32_t key(const Source& s) { return s.hand * 8 + static_cast<uint32_t>(s.input); }
  std::set<std::pair<uint64_t, uint32_t>> active_;
  std::map<uint32_t, uint32_t> top_priority_;
};

ActionState compute_state(const Device& device, const Session& session, const Activity& activity,
                          const ActionData& action, const HandFilter& filter,
                          const ActionState& previous) {
  ActionState state;
  auto it = session.actions.bindings.find(&action);
  if (it == session.actions.bindings.end()) return state;
  bool any = false;
  for (const Source& s : it->second) {
    if (!filter.matches(s.hand)) continue;
    const Controller& c = device.hands[s.hand];
    if (action.type == XR_ACTION_TYPE_POSE_INPUT) {
      // The first binding for the filter is the one source the pose follows.
      if (c.connected && activity.contributes(session, action, s)) state.pose = s;
      state.active = state.pose.has_value();
      return state;
    }
    if (!c.connected || !activity.contributes(session, action, s)) continue;
    any = true;
    if (input_value(c, s.input)) state.value = 1.0f;  // OR of booleans, max of scalars
    state.last_change = std::max(state.last_change, input_changed(c, s.input));
  }
  state.active = any;
  if (!state.active) return {};
  state.changed = previous.active && previous.value != state.value;
  return state;
}

void sync_states(Runtime& rt, Session& session) {
  const Activity activity(*rt.instance, session);
  std::map<const ActionData*, std::map<XrPath, ActionState>> states;
  for (const auto& set : session.actions.sets) {
    for (const auto& action : set->actions) {
      if (action->type == XR_ACTION_TYPE_VIBRATION_OUTPUT) continue;
      std::vector<XrPath> keys{XR_NULL_PATH};
      keys.insert(keys.end(), action->subaction_paths.begin(), action->subaction_paths.end());
      for (XrPath key : keys) {
        const ActionState& previous = session.actions.states[action.get()][key];
        states[action.get()][key] = compute_state(rt.device, session, activity, *action,
                                                  filter_for(*rt.instance, key), previous);
      }
    }
  }
  session.actions.states = std::move(states);
}

// Selects the simple controller once the application has suggested bindings for it.
void select_profile(Runtime& rt, Session& session) {
  Instance& inst = *rt.instance;
  const XrPath simple = inst.paths.intern(kSimpleControllerProfile);
  auto suggested = inst.suggested.find(simple);
  if (session.actions.profile != XR_NULL_PATH || suggested == inst.suggested.end()) return;
  session.actions.profile = simple;
  for (const SuggestedBinding& b : suggested->second) {
    if (attached_set(session, b.action->set) == nullptr) continue;
    const std::optional<Source> source =
        simple_controller_source(*inst.paths.find(b.path), b.action->type);
    if (!source) continue;
    std::vector<Source>& sources = session.actions.bindings[b.action.get()];
    if (std::find(sources.begin(), sources.end(), *source) == sources.end())
      sources.push_back(*source);
  }
  auto buffer = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  auto event = xr_struct<XrEventDataInteractionProfileChanged>(
      XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED);
  event.session = to_handle<XrSession>(session.id);
  std::memcpy(&buffer, &event, sizeof(event));
  rt.push_event(buffer);
}

// The checks every action-state and haptic function shares.
XrResult get_action(Runtime& rt, const Session& session, XrAction handle, XrActionType type,
                    XrPath subaction, ActionData*& action) {
  if (XrResult r = rt.get(handle, action); XR_FAILED(r)) return r;
  if (action->type != type) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (!attached_to(session, *action)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  return check_subaction(*rt.instance, *action, subaction);
}

ActionState state_of(const Session& session, const ActionData& action, XrPath subaction) {
  if (!session.running) return {};
  auto it = session.actions.states.find(&action);
  if (it == session.actions.states.end()) return {};
  auto key = it->second.find(subaction);
  return key == it->second.end() ? ActionState{} : key->second;
}

// The controllers a vibration action reaches: a bit per hand.
uint32_t haptic_targets(const Runtime& rt, const Session& session, const ActionData& action,
                        XrPath subaction) {
  auto it = session.actions.bindings.find(&action);
  if (it == session.actions.bindings.end()) return 0;
  const HandFilter filter = filter_for(*rt.instance, subaction);
  uint32_t hands = 0;
  for (const Source& s : it->second)
    if (s.input == Input::haptic && filter.matches(s.hand) && rt.device.hands[s.hand].connected)
      hands |= 1u << s.hand;
  return hands;
}

}  // namespace

std::optional<Source> pose_source(const Session& session, const ActionData& action,
                                  XrPath subaction) {
  return state_of(session, action, subaction).pose;
}

XrPosef source_pose(const Device& device, const Source& source) {
  return device.hands[source.hand].aim;
}

XrResult check_subaction(const Instance& instance, const ActionData& action, XrPath subaction) {
  if (subaction == XR_NULL_PATH) return XR_SUCCESS;
  if (instance.paths.find(subaction) == nullptr) return XR_ERROR_PATH_INVALID;
  const auto& declared = action.subaction_paths;
  return std::find(declared.begin(), declared.end(), subaction) != declared.end()
             ? XR_SUCCESS
             : XR_ERROR_PATH_UNSUPPORTED;
}

bool attached_to(const Session& session, const ActionData& action) {
  return attached_set(session, action.set) != nullptr;
}

// [Action sets and actions] ---------------------------------------------------------------

XrResult xrCreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info,
                           XrActionSet* action_set) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Instance* inst = nullptr;
  if (XrResult r = rt.get(instance, inst); XR_FAILED(r)) return r;
  if (info == nullptr || action_set == nullptr || info->type != XR_TYPE_ACTION_SET_CREATE_INFO ||
      !terminated(info->actionSetName) || !terminated(info->localizedActionSetName))
    return XR_ERROR_VALIDATION_FAILURE;
  std::vector<std::shared_ptr<ActionSetData>> siblings;
  for (const auto& [id, set] : rt.action_sets) siblings.push_back(set);
  if (XrResult r = check_names(info->actionSetName, info->localizedActionSetName, siblings);
      XR_FAILED(r))
    return r;
  auto set = std::make_shared<ActionSetData>();
  set->id = rt.new_id();
  set->instance = inst->id;
  set->name = info->actionSetName;
  set->localized_name = info->localizedActionSetName;
  set->priority = info->priority;
  rt.action_sets.emplace(set->id, set);
  *action_set = to_handle<XrActionSet>(set->id);
  return XR_SUCCESS;
}

XrResult xrDestroyActionSet(XrActionSet action_set) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  ActionSetData* set = nullptr;
  if (XrResult r = rt.get(action_set, set, true); XR_FAILED(r)) return r;
  // The handles go; a session the set is attached to keeps the set and its actions.
  for (const auto& action : set->actions) rt.actions.erase(action->id);
  rt.action_sets.erase(set->id);
  return XR_SUCCESS;
}

XrResult xrCreateAction(XrActionSet action_set, const XrActionCreateInfo* info, XrAction* action) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  ActionSetData* set = nullptr;
  if (XrResult r = rt.get(action_set, set); XR_FAILED(r)) return r;
  if (info == nullptr || action == nullptr || info->type != XR_TYPE_ACTION_CREATE_INFO ||
      !terminated(info->actionName) || !terminated(info->localizedActionName) ||
      !action_type_known(info->actionType) ||
      (info->countSubactionPaths > 0 && info->subactionPaths == nullptr))
    return XR_ERROR_VALIDATION_FAILURE;
  if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  std::vector<XrPath> subactions;
  for (uint32_t i = 0; i < info->countSubactionPaths; ++i) {
    const XrPath path = info->subactionPaths[i];
    const std::string* text = rt.instance->paths.find(path);
    if (text == nullptr) return XR_ERROR_PATH_INVALID;
    if (!subaction_path_allowed(*text) ||
        std::find(subactions.begin(), subactions.end(), path) != subactions.end())
      return XR_ERROR_PATH_UNSUPPORTED;
    subactions.push_back(path);
  }
  if (XrResult r = check_names(info->actionName, info->localizedActionName, set->actions);
      XR_FAILED(r))
    return r;
  auto created = std::make_shared<ActionData>();
  created->id = rt.new_id();
  created->set = set->id;
  created->name = info->actionName;
  created->localized_name = info->localizedActionName;
  created->type = info->actionType;
  created->subaction_paths = std::move(subactions);
  set->actions.push_back(created);
  rt.actions.emplace(created->id, created);
  *action = to_handle<XrAction>(created->id);
  return XR_SUCCESS;
}

XrResult xrDestroyAction(XrAction action) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  ActionData* a = nullptr;
  if (XrResult r = rt.get(action, a, true); XR_FAILED(r)) return r;
  // Before attachment the action leaves its set (its name is free again); after, sessions
  // keep using it and only the handle goes.
  if (auto set = rt.action_sets.find(a->set); set != rt.action_sets.end() && !set->second->attached)
    std::erase_if(set->second->actions, [a](const auto& other) { return other.get() == a; });
  rt.actions.erase(a->id);
  return XR_SUCCESS;
}

// [Bindings] ------------------------------------------------------------------------------

XrResult xrSuggestInteractionProfileBindings(
    XrInstance instance, const XrInteractionProfileSuggestedBinding* suggested) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Instance* inst = nullptr;
  if (XrResult r = rt.get(instance, inst); XR_FAILED(r)) return r;
  if (suggested == nullptr || suggested->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
      suggested->countSuggestedBindings == 0 || suggested->suggestedBindings == nullptr)
    return XR_ERROR_VALIDATION_FAILURE;
  const std::string* profile = inst->paths.find(suggested->interactionProfile);
  if (profile == nullptr) return XR_ERROR_PATH_INVALID;
  if (!profile_known(*profile)) return XR_ERROR_PATH_UNSUPPORTED;
  std::vector<SuggestedBinding> bindings;
  for (uint32_t i = 0; i < suggested->countSuggestedBindings; ++i) {
    const XrActionSuggestedBinding& b = suggested->suggestedBindings[i];
    ActionData* action = nullptr;
    if (XrResult r = rt.get(b.action, action); XR_FAILED(r)) return r;
    const std::string* path = inst->paths.find(b.binding);
    if (path == nullptr) return XR_ERROR_PATH_INVALID;
    if (!binding_allowed(*profile, *path)) return XR_ERROR_PATH_UNSUPPORTED;
    if (rt.action_sets.at(action->set)->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    bindings.push_back({rt.actions.at(action->id), b.binding});
  }
  inst->suggested[suggested->interactionProfile] = std::move(bindings);
  return XR_SUCCESS;
}

XrResult xrAttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* info) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO ||
      info->countActionSets == 0 || info->actionSets == nullptr)
    return XR_ERROR_VALIDATION_FAILURE;
  if (s->actions.attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  std::vector<std::shared_ptr<ActionSetData>> sets;
  for (uint32_t i = 0; i < info->countActionSets; ++i) {
    ActionSetData* set = nullptr;
    if (XrResult r = rt.get(info->actionSets[i], set); XR_FAILED(r)) return r;
    sets.push_back(rt.action_sets.at(set->id));
  }
  for (const auto& set : sets) set->attached = true;
  s->actions.sets = std::move(sets);
  s->actions.attached = true;
  return XR_SUCCESS;
}

XrResult xrGetCurrentInteractionProfile(XrSession session, XrPath top_level_user_path,
                                        XrInteractionProfileState* state) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (state == nullptr || state->type != XR_TYPE_INTERACTION_PROFILE_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  if (!s->actions.attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  const std::string* path = rt.instance->paths.find(top_level_user_path);
  if (path == nullptr) return XR_ERROR_PATH_INVALID;
  if (!is_top_level_user_path(*path)) return XR_ERROR_PATH_UNSUPPORTED;
  state->interactionProfile = hand_of(*path) ? s->actions.profile : XR_NULL_PATH;
  return XR_SUCCESS;
}

// [Synchronisation and state] -------------------------------------------------------------

XrResult xrSyncActions(XrSession session, const XrActionsSyncInfo* info) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_ACTIONS_SYNC_INFO ||
      (info->countActiveActionSets > 0 && info->activeActionSets == nullptr))
    return XR_ERROR_VALIDATION_FAILURE;
  std::vector<std::pair<const ActionSetData*, XrPath>> active;
  for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
    const XrActiveActionSet& entry = info->activeActionSets[i];
    ActionSetData* set = nullptr;
    if (XrResult r = rt.get(entry.actionSet, set); XR_FAILED(r)) return r;
    const ActionSetData* attached = attached_set(*s, set->id);
    if (attached == nullptr) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (entry.subactionPath != XR_NULL_PATH) {
      if (rt.instance->paths.find(entry.subactionPath) == nullptr) return XR_ERROR_PATH_INVALID;
      const bool declared =
          std::any_of(attached->actions.begin(), attached->actions.end(), [&](const auto& action) {
            const auto& paths = action->subaction_paths;
            return std::find(paths.begin(), paths.end(), entry.subactionPath) != paths.end();
          });
      if (!declared) return XR_ERROR_PATH_UNSUPPORTED;
    }
    active.emplace_back(attached, entry.subactionPath);
  }
  // Interaction profiles change only here, and only for running sessions.
  if (s->running) select_profile(rt, *s);
  const bool focused = s->state == XR_SESSION_STATE_FOCUSED;
  if (!focused) active.clear();  // every action is inactive without focus
  s->actions.active_sets = std::move(active);
  sync_states(rt, *s);
  return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XrResult xrGetActionStateBoolean(XrSession session, const XrActionStateGetInfo* info,
                                 XrActionStateBoolean* state) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || state == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_BOOLEAN)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r = get_action(rt, *s, info->action, XR_ACTION_TYPE_BOOLEAN_INPUT,
                              info->subactionPath, action);
      XR_FAILED(r))
    return r;
  const ActionState st = state_of(*s, *action, info->subactionPath);
  state->currentState = st.value != 0.0f ? XR_TRUE : XR_FALSE;
  state->changedSinceLastSync = st.changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = st.last_change;
  state->isActive = st.active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult xrGetActionStateFloat(XrSession session, const XrActionStateGetInfo* info,
                               XrActionStateFloat* state) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || state == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_FLOAT)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r =
          get_action(rt, *s, info->action, XR_ACTION_TYPE_FLOAT_INPUT, info->subactionPath, action);
      XR_FAILED(r))
    return r;
  const ActionState st = state_of(*s, *action, info->subactionPath);
  state->currentState = st.value;
  state->changedSinceLastSync = st.changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = st.last_change;
  state->isActive = st.active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult xrGetActionStateVector2f(XrSession session, const XrActionStateGetInfo* info,
                                  XrActionStateVector2f* state) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || state == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_VECTOR2F)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r = get_action(rt, *s, info->action, XR_ACTION_TYPE_VECTOR2F_INPUT,
                              info->subactionPath, action);
      XR_FAILED(r))
    return r;
  // The simple controller has no 2D input: vector actions are never bound.
  state->currentState = {0.0f, 0.0f};
  state->changedSinceLastSync = XR_FALSE;
  state->lastChangeTime = 0;
  state->isActive = XR_FALSE;
  return XR_SUCCESS;
}

XrResult xrGetActionStatePose(XrSession session, const XrActionStateGetInfo* info,
                              XrActionStatePose* state) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || state == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_POSE)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r =
          get_action(rt, *s, info->action, XR_ACTION_TYPE_POSE_INPUT, info->subactionPath, action);
      XR_FAILED(r))
    return r;
  state->isActive = state_of(*s, *action, info->subactionPath).active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult xrEnumerateBoundSourcesForAction(XrSession session,
                                          const XrBoundSourcesForActionEnumerateInfo* info,
                                          uint32_t capacity, uint32_t* count, XrPath* sources) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r = rt.get(info->action, action); XR_FAILED(r)) return r;
  if (!attached_to(*s, *action)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  std::vector<XrPath> paths;
  if (auto it = s->actions.bindings.find(action); it != s->actions.bindings.end()) {
    for (const Source& source : it->second)
      paths.push_back(rt.instance->paths.intern(source_path(source)));
  }
  return enumerate(capacity, count, sources, paths);
}

XrResult xrGetInputSourceLocalizedName(XrSession session,
                                       const XrInputSourceLocalizedNameGetInfo* info,
                                       uint32_t capacity, uint32_t* count, char* buffer) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  constexpr XrInputSourceLocalizedNameFlags kKnown =
      XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT |
      XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT |
      XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT;
  if (info == nullptr || info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO ||
      info->whichComponents == 0 || (info->whichComponents & ~kKnown) != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  if (!s->actions.attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  const std::string* path = rt.instance->paths.find(info->sourcePath);
  if (path == nullptr) return XR_ERROR_PATH_INVALID;
  // Sources are what xrEnumerateBoundSourcesForAction returns: simple controller components.
  for (uint32_t hand = 0; hand < 2; ++hand) {
    for (Input input :
         {Input::select, Input::menu, Input::grip_pose, Input::aim_pose, Input::haptic}) {
      const Source source{hand, input};
      if (source_path(source) == *path)
        return enumerate_string(capacity, count, buffer,
                                source_name(source, info->whichComponents));
    }
  }
  return XR_ERROR_PATH_UNSUPPORTED;
}

// [Haptics] -------------------------------------------------------------------------------

XrResult xrApplyHapticFeedback(XrSession session, const XrHapticActionInfo* info,
                               const XrHapticBaseHeader* haptic) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || haptic == nullptr || info->type != XR_TYPE_HAPTIC_ACTION_INFO ||
      haptic->type != XR_TYPE_HAPTIC_VIBRATION)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r = get_action(rt, *s, info->action, XR_ACTION_TYPE_VIBRATION_OUTPUT,
                              info->subactionPath, action);
      XR_FAILED(r))
    return r;
  // Output is discarded without focus.
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  const uint32_t hands = haptic_targets(rt, *s, *action, info->subactionPath);
  if (hands != 0) {
    const auto& vibration = *reinterpret_cast<const XrHapticVibration*>(haptic);
    TrialxrTestHaptics& h = rt.recorded.haptics;
    ++h.pulses;
    h.last_hands = hands;
    h.last_duration = vibration.duration;
    h.last_frequency = vibration.frequency;
    h.last_amplitude = vibration.amplitude;
  }
  return XR_SUCCESS;
}

XrResult xrStopHapticFeedback(XrSession session, const XrHapticActionInfo* info) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_HAPTIC_ACTION_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r = get_action(rt, *s, info->action, XR_ACTION_TYPE_VIBRATION_OUTPUT,
                              info->subactionPath, action);
      XR_FAILED(r))
    return r;
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  if (haptic_targets(rt, *s, *action, info->subactionPath) != 0) ++rt.recorded.haptics.stops;
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
