#pragma once
// FakeApiServer: being written (see issue 2).
