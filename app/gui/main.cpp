#include "guisetup.h"
#include "mainwindow.h"
#include "uisettings.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    kube::app::GuiSetup::initApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A fast native browser for Kubernetes clusters."));
    kube::app::GuiSetup setup(parser);
    parser.process(app);
    if (const auto exitCode = setup.apply(parser))
        return *exitCode;

    // The demo cluster is new each run: nothing of it is worth remembering.
    setup.options.restoreSession = !setup.demo && kube::ui::UiSettings::restoreLastSession();
    if (!setup.demo && !parser.isSet(QStringLiteral("no-watch")))
        setup.options.watchLists = kube::ui::UiSettings::watchLists();
    kube::ui::MainWindow window(setup.options);
    window.show();
    return app.exec();
}
