#pragma once

#include "democluster.h"
#include "mainwindow.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace kube::app {

/*!
 * What kubrowser and its screenshot/measure harness share: the application's identity (so
 * both use the same QSettings), the command-line options that choose a cluster, and the demo
 * cluster behind --demo.
 */
class GuiSetup final
{
public:
    static void initApplication();

    explicit GuiSetup(QCommandLineParser &parser);
    //! Reads the parsed options into window options; starts the demo cluster. An exit code
    //! (with the message printed) when the options are unusable.
    std::optional<int> apply(const QCommandLineParser &parser);

    ui::MainWindow::Options options;
    std::unique_ptr<DemoCluster> demo;

private:
    QCommandLineOption m_kubeconfig;
    QCommandLineOption m_context;
    QCommandLineOption m_namespace;
    QCommandLineOption m_allNamespaces;
    QCommandLineOption m_resource;
    QCommandLineOption m_demo;
    QCommandLineOption m_demoPods;
    QCommandLineOption m_cacheDir;
    QCommandLineOption m_noWatch;
    QCommandLineOption m_readOnly;
};

void print(const QString &text, FILE *stream = stdout);

} // namespace kube::app
