#pragma once

#include <QObject>

#include <termios.h>

class QSocketNotifier;

namespace kube::cli {

/*!
 * The local terminal for exec -t: raw mode while it lives (restored on destruction, also
 * after SIGINT/SIGTERM) and SIGWINCH delivered as resized() through a self-pipe.
 */
class RawTerminal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawTerminal)

public:
    explicit RawTerminal(QObject *parent = nullptr);
    ~RawTerminal() override;

    static bool isTerminal(int fd);
    //! Switches stdin to raw mode; false when it is not a terminal.
    bool makeRaw();
    //! Columns and rows of stdout's (or stdin's) terminal; {0, 0} when unknown.
    static QSize size();

signals:
    void resized(int width, int height);

private:
    bool m_raw = false;
    termios m_saved {};
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kube::cli
