# Builds Millrace-<version>.msi on Windows with jpackage. Run it on Windows (x64), from a jar built on Windows: the
# JavaFX jars Maven picks carry the native code of the build OS.
#   .\mvnw.cmd -B package -DskipTests
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
# Needs a JDK 21+ in $env:JAVA_HOME (with jpackage) and the WiX Toolset on the PATH (WiX 3.14: candle.exe and
# light.exe; jpackage from JDK 24 on also takes WiX 4/5: wix.exe).
$ErrorActionPreference = 'Stop'

$root = Split-Path -Parent $PSScriptRoot
$jar = Join-Path $root 'target\millrace.jar'
$dest = Join-Path $root 'target\installer'
$work = Join-Path $dest 'work-windows'
$jdk = Join-Path $env:JAVA_HOME 'bin'

if (-not (Test-Path (Join-Path $jdk 'jpackage.exe'))) { throw 'Set JAVA_HOME to a JDK 21+ with jpackage.' }
if (-not (Test-Path $jar)) { throw "No jar at $jar; build it first: .\mvnw.cmd -B package -DskipTests" }

if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory -Force -Path (Join-Path $work 'input'), (Join-Path $work 'manifest') | Out-Null
Copy-Item $jar (Join-Path $work 'input\millrace.jar')

Push-Location (Join-Path $work 'manifest')
& (Join-Path $jdk 'jar.exe') --extract --file $jar META-INF/MANIFEST.MF
Pop-Location
$version = (Select-String -Path (Join-Path $work 'manifest\META-INF\MANIFEST.MF') -Pattern '^Implementation-Version: *(.*)$').Matches[0].Groups[1].Value.Trim()
# An .msi version is numbers only (major.minor.build, at most 255.255.65535), so -SNAPSHOT is left out.
$packageVersion = ($version -split '-')[0]

$modules = (& (Join-Path $jdk 'jdeps.exe') --ignore-missing-deps --multi-release 21 --print-module-deps $jar | Select-Object -Last 1)
& (Join-Path $jdk 'jlink.exe') --add-modules "$modules,jdk.zipfs,jdk.security.auth" --output (Join-Path $work 'runtime') `
  --strip-debug --no-header-files --no-man-pages --compress=zip-6
if ($LASTEXITCODE -ne 0) { throw 'jlink failed' }

# The upgrade code stays the same for every release, so that a newer .msi replaces an installed older one.
# A second launcher, millrace-cli.exe, is a console program: the commands (millrace-cli demo, --help) print there.
& (Join-Path $jdk 'jpackage.exe') --type msi --dest $dest `
  --name Millrace --app-version $packageVersion --vendor Millrace `
  --description 'A desktop workbench for event-driven systems' `
  --input (Join-Path $work 'input') --main-jar millrace.jar --main-class dev.millrace.cli.Main `
  --runtime-image (Join-Path $work 'runtime') --icon (Join-Path $root 'icons\millrace.ico') `
  --java-options '--enable-native-access=ALL-UNNAMED' `
  --add-launcher "millrace-cli=$(Join-Path $PSScriptRoot 'windows\millrace-cli.properties')" `
  --win-upgrade-uuid 7d1f6a52-3c4b-4e8e-9a51-5b0f2f6c9e14 `
  --win-menu --win-menu-group Millrace --win-shortcut --win-dir-chooser
if ($LASTEXITCODE -ne 0) { throw 'jpackage failed' }

Get-ChildItem (Join-Path $dest 'Millrace-*.msi') | ForEach-Object { "installer: $($_.FullName)" }
