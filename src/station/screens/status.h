/* screens/status.h — F4 Trạng thái, for the other screens: bringing a
 * camera's inventory form up from anywhere. */
#pragma once

#include "station/station.h"

/* Status in front on the camera's page, with its inventory form open
 * (screens/camera_edit.h): for an administrator; anyone else sees the
 * page and a line saying that only an administrator changes cameras. */
void cg_status_edit_camera (CgStation *st, const char *camera);
