#include <kubeclient_version.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kubrowser-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));
    QTextStream(stdout) << "kubrowser-cli " << KUBROWSER_VERSION_STRING << '\n';
    return 0;
}
