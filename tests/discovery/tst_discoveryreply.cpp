// DiscoveryReply's ownership hand-over (consumedBy): who deletes a reply that nobody will
// receive finished() for, and on which thread a reply made elsewhere ends up.
#include "discovery/discoveryreply.h"

#include <QPointer>
#include <QTest>
#include <QThread>

#include <memory>

using kube::DiscoveryReply;

class tst_DiscoveryReply : public QObject
{
    Q_OBJECT

private slots:
    void sameThreadConsumerTakesItWhenDestroyed()
    {
        auto consumer = std::make_unique<QObject>();
        QPointer<DiscoveryReply> reply = (new DiscoveryReply)->consumedBy(consumer.get());
        QCOMPARE(reply->parent(), consumer.get());
        consumer.reset(); // destroyed while the reply is still running
        QVERIFY(reply.isNull());
    }

    void existingParentIsKept()
    {
        QObject owner;
        QObject consumer;
        auto *reply = new DiscoveryReply(&owner);
        QCOMPARE(reply->consumedBy(&consumer), reply);
        QCOMPARE(reply->parent(), &owner);
    }

    void replyMadeOnAnotherThreadMovesToTheConsumer()
    {
        // The thread that made the reply ends at once: had the reply stayed there, a
        // deleteLater() from the consumer would never run.
        QObject consumer;
        QPointer<DiscoveryReply> reply;
        std::unique_ptr<QThread> maker(
            QThread::create([&] { reply = (new DiscoveryReply)->consumedBy(&consumer); }));
        maker->start();
        QVERIFY(maker->wait(10'000));
        QVERIFY(reply);
        QCOMPARE(reply->thread(), consumer.thread());
        QVERIFY(!reply->parent());
        reply->finish({}, std::nullopt);
        QTRY_VERIFY(reply->isFinished()); // finish() is delivered on the consumer's thread
        reply->deleteLater();
        QTRY_VERIFY(reply.isNull());
    }

    void onlyTheMakingThreadHandsItOver()
    {
        // From any other thread it is a no-op (moveToThread and setParent are not allowed there).
        QObject consumer;
        auto *reply = new DiscoveryReply;
        std::unique_ptr<QThread> other(QThread::create([&] { reply->consumedBy(&consumer); }));
        other->start();
        QVERIFY(other->wait(10'000));
        QVERIFY(!reply->parent());
        QCOMPARE(reply->thread(), QThread::currentThread());
        delete reply;
    }
};

QTEST_GUILESS_MAIN(tst_DiscoveryReply)
#include "tst_discoveryreply.moc"
