# Install rules of the kubeclient library: shared libraries with a SONAME, public headers under
# include/kubeclient/, the CMake package KubeClient (targets KubeClient::KubeClient and, as the
# optional component Testing, KubeClient::Testing) and the pkg-config file kubeclient.pc.
#
# Install components, one Debian package each (packaging/CMakeLists.txt):
#   Library      libkubeclient0       the .so.N files
#   Development  libkubeclient-dev    headers, .so links, CMake package, kubeclient.pc
#   (default)    kubrowser            the applications and their desktop integration
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(KUBECLIENT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/KubeClient)

# kube_install_public_headers(<folder> [PRIVATE <names...>] [ONLY <names...>] [COMPONENT Testing])
# Installs <folder>/*.h (relative to the calling directory) under include/kubeclient/<folder>/.
# The folder is globbed, so new headers are picked up without touching this call; PRIVATE names
# headers that stay private, ONLY restricts the folder to the named headers.
function(kube_install_public_headers folder)
    cmake_parse_arguments(ARG "" "COMPONENT" "PRIVATE;ONLY" ${ARGN})
    if(ARG_ONLY)
        list(TRANSFORM ARG_ONLY PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/ OUTPUT_VARIABLE headers)
    else()
        file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/*.h)
        foreach(name IN LISTS ARG_PRIVATE)
            list(REMOVE_ITEM headers ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/${name})
        endforeach()
    endif()
    install(FILES ${headers}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/kubeclient/${folder}
        COMPONENT Development)
endfunction()

# kube_install_library(<target> [COMPONENT Testing])
# Installs a library of the KubeClient package into the export set of its package component.
function(kube_install_library target)
    cmake_parse_arguments(ARG "" "COMPONENT" "" ${ARGN})
    set(export KubeClientTargets)
    if(ARG_COMPONENT)
        set(export KubeClient${ARG_COMPONENT}Targets)
    endif()
    install(TARGETS ${target} EXPORT ${export}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
            COMPONENT Library NAMELINK_COMPONENT Development
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Library)
    install(EXPORT ${export}
        NAMESPACE KubeClient::
        DESTINATION ${KUBECLIENT_CMAKE_DIR}
        COMPONENT Development)
endfunction()

# kube_install_package(): the package files; called once all libraries are defined.
function(kube_install_package)
    configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/KubeClientConfig.cmake.in
        ${PROJECT_BINARY_DIR}/KubeClientConfig.cmake
        INSTALL_DESTINATION ${KUBECLIENT_CMAKE_DIR})
    # 0.x releases are not compatible with each other (semantic versioning's rule for 0.y.z).
    write_basic_package_version_file(${PROJECT_BINARY_DIR}/KubeClientConfigVersion.cmake
        VERSION ${PROJECT_VERSION}
        COMPATIBILITY SameMinorVersion)
    install(FILES
        ${PROJECT_BINARY_DIR}/KubeClientConfig.cmake
        ${PROJECT_BINARY_DIR}/KubeClientConfigVersion.cmake
        DESTINATION ${KUBECLIENT_CMAKE_DIR}
        COMPONENT Development)

    # kubeclient.pc finds its prefix relative to itself, so the same file serves every prefix
    # (cmake --install --prefix, the Debian package).
    file(RELATIVE_PATH pc_to_prefix
        ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
    string(REGEX REPLACE "/$" "" KUBECLIENT_PC_PREFIX "\${pcfiledir}/${pc_to_prefix}")
    # A shared kubeclient hides its private dependencies; a static one hands them on.
    if(KUBECLIENT_SHARED)
        set(KUBECLIENT_PC_PRIVATE_REQUIRES "")
        set(KUBECLIENT_PC_PRIVATE_LIBS "")
    else()
        set(KUBECLIENT_PC_PRIVATE_REQUIRES "Qt6Concurrent Qt6WebSockets yaml-cpp")
        set(KUBECLIENT_PC_PRIVATE_LIBS "-lqt6keychain")
    endif()
    configure_file(${PROJECT_SOURCE_DIR}/cmake/kubeclient.pc.in
        ${PROJECT_BINARY_DIR}/kubeclient.pc @ONLY)
    install(FILES ${PROJECT_BINARY_DIR}/kubeclient.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT Development)
endfunction()
