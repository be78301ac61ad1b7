/* maintenance.c — the tables of entry kinds and suggestion reasons. */
#include "build-config.h"

#include "common/maintenance.h"

#include "common/i18n.h"

typedef struct {
  const char *code;
  const char *label; /* N_() */
} Kind;

static const Kind kinds[] = {
  { CG_MAINT_FAULT, N_("fault reported") },
  { CG_MAINT_INSPECTION, N_("inspection") },
  { CG_MAINT_REPAIR, N_("repair") },
  { CG_MAINT_REPLACE, N_("replacement") },
  { CG_MAINT_MOVE, N_("moved") },
  { CG_MAINT_RETIRE, N_("retired") },
};

const char *const cg_maintenance_kinds[] = {
  CG_MAINT_FAULT, CG_MAINT_INSPECTION, CG_MAINT_REPAIR, CG_MAINT_REPLACE, CG_MAINT_MOVE,
  CG_MAINT_RETIRE, NULL,
};

gboolean
cg_maintenance_kind_valid (const char *code)
{
  for (size_t i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, code) == 0)
      return TRUE;
  return FALSE;
}

const char *
cg_maintenance_kind_label (const char *code)
{
  for (size_t i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, code) == 0)
      return _(kinds[i].label);
  return code;
}

static const CgSuggestReason reasons[] = {
  { CG_SUGGEST_OFFLINE,
    N_("offline since %s (%s)"),
    N_("Check the power at the host household first, then the household's wifi modem."),
    N_("offline"),
    N_("Check the camera's power first, then its network cable and the switch or modem it is "
       "on.") },
  { CG_SUGGEST_OUTAGES,
    N_("lost its picture %s times in the last 30 days"),
    N_("Check the household's line and wifi modem, then the camera's cable."),
    N_("drops often"),
    N_("Check the camera's line and the switch or modem it is on, then its cable.") },
  { CG_SUGGEST_WEAK_LINK,
    N_("a weak link on each of the last %s days, since %s"),
    N_("Check the household's line (its plan, the wifi modem), then lower the camera's "
       "bitrate."),
    N_("weak link"),
    N_("Check the camera's line (its plan, the modem or wireless link), then lower the "
       "camera's bitrate.") },
  { CG_SUGGEST_INSPECT,
    N_("not inspected for %s days, since %s"),
    N_("Inspect it: the lens, the mount, the cable and the power supply."),
    N_("inspection due") },
  { CG_SUGGEST_FAULT,
    N_("a fault reported on %s has not been repaired: %s"),
    N_("Follow it up: have it repaired or replaced, then record the repair."),
    N_("fault not repaired") },
};

const char *
cg_suggest_reason_advice (const CgSuggestReason *reason, gboolean hosted)
{
  return !hosted && reason->advice_unhosted != NULL ? reason->advice_unhosted : reason->advice;
}

const CgSuggestReason *
cg_suggest_reason_lookup (const char *code)
{
  for (size_t i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].code, code) == 0)
      return &reasons[i];
  return NULL;
}
