#pragma once

#include <chrono>

namespace kube::testing {

/*!
 * How FakeApiServer misbehaves on watches, to test clients against what real API servers and
 * networks do over hours (FakeApiServer::setWatchFaults). Each applies to watches started
 * after it is set.
 */
struct WatchFaults
{
    //! End every watch normally after this long (kube-apiserver does every 5–10 minutes).
    std::chrono::milliseconds endAfter { 0 };
    //! Cut every watch connection abruptly (TCP abort, no chunked terminator) after this long.
    std::chrono::milliseconds cutAfter { 0 };
    /*!
     * Answer this many watches that resume from a resourceVersion with 410 Expired (an ERROR
     * event, as kube-apiserver's watch cache does); -1 = all of them.
     */
    int expireResumptions = 0;
    //! Watch streams carry no events, only bookmarks (when allowWatchBookmarks=true).
    bool bookmarksOnly = false;
    //! Watch streams stay open and silent: no initial events, no events, no bookmarks.
    bool stall = false;
    /*!
     * Serve watch-list (sendInitialEvents=true). false: answer such watches 422 Invalid, as a
     * server without the WatchList feature does.
     */
    bool watchList = true;
};

} // namespace kube::testing
