/* demo_history.h — `canhgacd --demo-history=DAYS`: weeks made up before
 * the demo, so that every screen has something to show on first run.
 *
 * Run at start-up, after the repair and before anything is served, on a
 * data directory whose cameras have each recorded a few seconds (the
 * demo's first start).  For each camera, from the story data/demo-cameras.txt
 * gives it (demo_story.h): the recorder's runs with its downtime, the
 * camera's outages, the link's figures (every minute of the last week,
 * every fifth minute before: enough for the reports' medians and weak
 * days), motion events,
 * and footage everywhere in between: the last day at full rate and the
 * days before thinned to keyframes, as the storage manager leaves them.
 * The footage loops what the camera itself sent (demo_footage.h): one
 * file per camera and kind, every other segment of that kind a hard link
 * to it, so that weeks of 28 cameras take a few hundred megabytes; each
 * segment's row counts its share of that file, so that the recordings'
 * total is what the disk holds and the storage manager, planning with
 * the disk as it is, deletes nothing.  Done once: the
 * settings row demo_history says when; a data directory with it is left
 * alone.  Audited (`demo.history`).
 */
#pragma once

#include "daemon/db/db.h"

#include <glib.h>

#define CG_DEMO_HISTORY_MAX_DAYS 60

gboolean cg_demo_history_seed (CgDb *db, const char *data_dir, int days, GError **error);
