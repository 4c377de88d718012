#include "mainwindow.h"

#include <kubeclient_version.h>

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Kubrowser"));
    QApplication::setOrganizationName(QStringLiteral("Kubrowser"));
    QApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));

    kube::ui::MainWindow window;
    window.show();
    return app.exec();
}
