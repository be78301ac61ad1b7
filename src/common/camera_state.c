/* camera_state.c — the table of camera states. */
#include "build-config.h"

#include "common/camera_state.h"

#include "common/i18n.h"

#define STATE_CONTEXT "camera state"

/* Worst first: what needs attention comes to the top of a sorted list.
 * An unknown state sits between the troubled and the recording ones: it
 * may be either. */
static const CgCameraState states[] = {
  { CG_STATE_OFFLINE, NC_ ("camera state", "offline"), CG_STATE_ROLE_BAD, 0, "x" },
  { CG_STATE_STALLED, NC_ ("camera state", "stalled"), CG_STATE_ROLE_WARNING, 1, "o" },
  { CG_STATE_CONNECTING, NC_ ("camera state", "connecting"), CG_STATE_ROLE_WARNING, 2, "o" },
  { CG_STATE_UNKNOWN, NC_ ("camera state", "unknown"), CG_STATE_ROLE_MUTED, 3, "?" },
  { CG_STATE_RECORDING, NC_ ("camera state", "recording"), CG_STATE_ROLE_OK, 4, "*" },
  { CG_STATE_DISABLED, NC_ ("camera state", "disabled"), CG_STATE_ROLE_MUTED, 5, "-" },
};

const CgCameraState *
cg_camera_state_lookup (const char *code)
{
  const CgCameraState *unknown = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (g_strcmp0 (states[i].code, code) == 0)
        return &states[i];
      if (g_str_equal (states[i].code, CG_STATE_UNKNOWN))
        unknown = &states[i];
    }
  return unknown;
}

const char *
cg_camera_state_label (const char *code)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, STATE_CONTEXT, cg_camera_state_lookup (code)->label);
}

CgStateRole
cg_camera_state_role (const char *code)
{
  return cg_camera_state_lookup (code)->role;
}

int
cg_camera_state_rank (const char *code)
{
  return cg_camera_state_lookup (code)->rank;
}

gboolean
cg_camera_state_is_live (const char *code)
{
  return g_strcmp0 (code, CG_STATE_RECORDING) == 0;
}

gboolean
cg_camera_state_is_down (const char *code)
{
  const CgCameraState *s = cg_camera_state_lookup (code);
  return s->role == CG_STATE_ROLE_WARNING || s->role == CG_STATE_ROLE_BAD;
}
