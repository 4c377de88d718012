#pragma once

#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace kube {

/*!
 * Blocks until \a reply (RestReply, WatchStream, ListPager, or any object with isFinished()
 * and a finished() signal) has finished, running a local event loop. For the CLI and tests
 * only: never call it on the GUI thread. Returns false when \a timeout (0 = none) passed
 * first; the reply then keeps running.
 * \code
 * std::unique_ptr<kube::RestReply> r(rest->get().resource("pods").send());
 * kube::waitFor(r.get());
 * \endcode
 */
template<typename Reply>
bool waitFor(Reply *reply, std::chrono::milliseconds timeout = std::chrono::milliseconds(0))
{
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QObject::connect(reply, &Reply::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    if (timeout.count() > 0) {
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeout);
    }
    loop.exec();
    return reply->isFinished();
}

} // namespace kube
