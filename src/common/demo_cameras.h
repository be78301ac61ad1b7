/* demo_cameras.h — the demo's commune, read from data/demo-cameras.txt.
 *
 * One list for the two programs the demo runs: `canhgac demo` adds the
 * cameras (every key but story and fault is a camera.add member) and
 * serves each with its fault, and `canhgacd --demo-history` makes up the
 * weeks before the demo from each camera's story.
 */
#pragma once

#include <glib.h>

typedef enum {
  CG_DEMO_GOOD,     /* records, with the odd power cut at its host */
  CG_DEMO_WEAK,     /* a household's weak line: frames lost most days */
  CG_DEMO_FLAPPING, /* drops out many times a day */
  CG_DEMO_DEAD,     /* broke some days ago, still offline */
  CG_DEMO_PASSWORD, /* its password changed at the camera two days ago */
} CgDemoStory;

typedef struct {
  char *name;
  CgDemoStory story;
  char *fault;   /* the simulator's fault for it live, or NULL */
  GStrv keys;    /* camera.add members, in the file's order */
  GStrv values;
} CgDemoCamera;

/* Reads the list (CgDemoCamera, in the file's order); a bad file is an
 * error naming the camera and the key. */
GPtrArray *cg_demo_cameras_load (const char *path, GError **error);

/* The camera of that name, or NULL. */
const CgDemoCamera *cg_demo_cameras_find (GPtrArray *cameras, const char *name);
