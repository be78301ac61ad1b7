/* camera_probe.h — camera.probe's reply in words for an officer: each
 * address tried and what came of it, and, when none sent video, what to
 * check.  Shared by `canhgac camera add --vendor` and the station's form
 * for adding a camera.  Pure. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* "main stream" or "sub-stream", translated, for one of "tried". */
const char *cg_probe_stream_label (JsonObject *tried);
/* What one try gave: "video found (h264 1920x1080)", "password
 * refused" ... */
char *cg_probe_result_words (JsonObject *tried);
/* Why none of tried sent video, and what to check: the worst result
 * wins (a refused password says more than a missing path).  vendor and
 * host as the officer gave them; user the one tried. */
char *cg_probe_verdict (JsonArray *tried, const char *vendor, const char *host, const char *user);
