#include "fakeapiserver.h"
