#include "rawterminal.h"

#include <QSize>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace kube::cli {

namespace {

int g_pipe[2] = { -1, -1 };
termios g_saved {};
bool g_restore = false;

void onWinch(int)
{
    const char c = 'w';
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &c, 1);
}

void onTerminate(int sig)
{
    if (g_restore)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &g_saved);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

} // namespace

RawTerminal::RawTerminal(QObject *parent)
    : QObject(parent)
{
    if (g_pipe[0] < 0 && ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char buf[64];
        while (::read(g_pipe[0], buf, sizeof buf) > 0) { }
        const QSize s = size();
        if (s.width() > 0)
            emit resized(s.width(), s.height());
    });
    std::signal(SIGWINCH, onWinch);
}

RawTerminal::~RawTerminal()
{
    std::signal(SIGWINCH, SIG_DFL);
    if (m_raw) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
        g_restore = false;
    }
}

bool RawTerminal::isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

bool RawTerminal::makeRaw()
{
    if (!isTerminal(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &m_saved) != 0)
        return false;
    termios raw = m_saved;
    ::cfmakeraw(&raw);
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0)
        return false;
    m_raw = true;
    g_saved = m_saved;
    g_restore = true;
    std::signal(SIGTERM, onTerminate);
    std::signal(SIGHUP, onTerminate);
    return true;
}

QSize RawTerminal::size()
{
    winsize ws {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return QSize(ws.ws_col, ws.ws_row);
    if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return QSize(ws.ws_col, ws.ws_row);
    return QSize();
}

} // namespace kube::cli
