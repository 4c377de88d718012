#include "mainwindow.h"

namespace kube::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Kubrowser"));
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

} // namespace kube::ui
