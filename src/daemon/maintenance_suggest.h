/* maintenance_suggest.h — which cameras need attention, from what the
 * recorder saw: outages, the per-minute link statistics, the install
 * date and the maintenance log.  Never from anything typed but the log.
 *
 * An outage is counted as capture sees it: from the last picture to the
 * next.  Outage rows of one camera with no recording between them are
 * one outage (a restart of the recorder in the middle of one closes its
 * row and opens another), and the time the recorder was not running is
 * in no outage row (the start-up repair closes a row at the moment the
 * camera was last watched), so the recorder's own downtime counts
 * neither as an outage nor against uptime.
 *
 * A day's link is weak as the station judges a link (common/link_rules.h):
 * CG_LINK_WEAK_BAD of every CG_LINK_WINDOW of its minutes received were
 * bad (frames lost: under CG_LINK_FPS_FLOOR or CG_LINK_FPS_SHARE of the
 * camera's best minute, frames lost on the link, or a reconnection).
 *
 * Reads the database at a given now, without other I/O, so a fixture
 * database tests it.
 */
#pragma once

#include "common/config.h"
#include "common/message.h"

#include <glib.h>
#include <sqlite3.h>

typedef struct {
  gint64 offline_alert_us;
  int outages_per_month;
  int weak_link_days;
  int inspect_after_days;
} CgSuggestRules;

/* [maintenance] of the configuration. */
void cg_suggest_rules_from_config (const CgConfig *config, CgSuggestRules *rules);

/* An outage as the suggestions count it. */
typedef struct {
  gint64 start_us, end_us; /* end 0: still going on */
  char *reason;            /* its first row's (common/reason.h) */
} CgOutageSpan;

/* The camera's outages touching the last 31 days, oldest first: a GArray
 * of CgOutageSpan that frees their reasons. */
GArray *cg_maintenance_outages (sqlite3 *h, gint64 camera_id, gint64 created_us, gint64 now_us,
                                GError **error);

typedef struct {
  const char *reason;   /* CG_SUGGEST_* (common/maintenance.h) */
  gint64 since_us;      /* since when */
  gint64 count;         /* offline: seconds; outages: how many; weak_link, inspect: days */
  gint64 entry;         /* fault_open: the fault's entry; else 0 */
  char *note;           /* fault_open: what was reported; else NULL */
} CgSuggestion;

typedef struct {
  gint64 camera_id;
  char *name, *place, *host_name, *host_phone;
  char *installed_on;   /* yyyy-mm-dd or NULL */
  gboolean enabled;
  gboolean retired;     /* its newest entry is "retire": nothing suggested */
  double uptime;        /* share of the last 30 days (or since it was added) outside outages */
  int outages;          /* outages begun in the last 30 days */
  gint64 last_entry;    /* the newest entry: id, 0 none */
  char *last_kind;
  gint64 last_at_us;
  GArray *suggestions;  /* of CgSuggestion, most urgent first */
} CgUpkeep;

void cg_upkeep_free (CgUpkeep *upkeep);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgUpkeep, cg_upkeep_free)

/* Every camera not removed, those needing attention first (by their most
 * urgent reason, then by name), then the others by name; a GPtrArray of
 * CgUpkeep that frees them. */
GPtrArray *cg_maintenance_overview (sqlite3 *h, const CgSuggestRules *rules, gint64 now_us,
                                    GError **error);

/* The suggestion as a sentence, for the reader to word (common/message.h). */
CgMessage *cg_suggestion_message (const CgSuggestion *s);
