; Inno Setup 6: dpo_desk for one Windows user, without administrator rights.
; Built by packaging/build.py, which passes the version and the folders:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\dpo-desk /DOutputDir=dist /DIconFile=... dpo_desk.iss
; Installing a newer version over an older one replaces the program folder only; the data
; folder (%LOCALAPPDATA%\dpo_desk\dpo_desk, from platformdirs) is never part of the
; installation. The uninstaller asks whether to delete it (default: keep); a silent
; uninstall keeps it unless /DATENLOESCHEN is given.

#ifndef AppVersion
  #error "AppVersion fehlt: bitte mit packaging/build.py bauen"
#endif

[Setup]
; Never change the AppId: it makes a newer installer update the installed version.
AppId={{6F1C2A8E-3B7D-4E59-9A21-D0C4B8E5F713}
AppName=dpo_desk
AppVersion={#AppVersion}
AppVerName=dpo_desk {#AppVersion}
AppPublisher=dpo_desk
AppComments=Datenschutz an Schulen: Verzeichnis, AVV/TOM, DSFA und Einwilligungen – offline
VersionInfoVersion={#AppVersion}
VersionInfoDescription=dpo_desk Setup
; Per user: {autopf} is %LOCALAPPDATA%\Programs, no administrator rights asked for.
PrivilegesRequired=lowest
DefaultDirName={autopf}\dpo_desk
DefaultGroupName=dpo_desk
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
OutputDir={#OutputDir}
OutputBaseFilename=dpo_desk-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\dpo-desk.exe
UninstallDisplayName=dpo_desk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
; An open dpo_desk is asked to close before its files are replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; No library of the previous version stays behind next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\dpo_desk"; Filename: "{app}\dpo-desk.exe"; Comment: "Datenschutz an Schulen"; AppUserModelID: "de.dpodesk.DpoDesk"
Name: "{autodesktop}\dpo_desk"; Filename: "{app}\dpo-desk.exe"; Tasks: desktopicon; AppUserModelID: "de.dpodesk.DpoDesk"

[Run]
Filename: "{app}\dpo-desk.exe"; Description: "{cm:LaunchProgram,dpo_desk}"; Flags: nowait postinstall skipifsilent

[Code]
function DataFolder(): String;
begin
  { platformdirs: user_data_dir("dpo_desk", "dpo_desk"); the log folder lies inside it. }
  Result := ExpandConstant('{localappdata}\dpo_desk');
end;

function CommandLineHas(Flag: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Flag) = 0 then
      Result := True;
end;

function UserWantsDataDeleted(): Boolean;
begin
  if UninstallSilent() then
    Result := CommandLineHas('/DATENLOESCHEN')
  else
    Result := MsgBox('dpo_desk wurde entfernt.' + #13#10 + #13#10 +
      'Sollen auch Ihre Daten gelöscht werden (Schulen, Verzeichnis, Einwilligungen, ' +
      'Sicherungen)?' + #13#10 + DataFolder() + #13#10 + #13#10 +
      'Wählen Sie „Nein“, um die Daten zu behalten, zum Beispiel für eine ' +
      'spätere Neuinstallation.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder()) then
    if UserWantsDataDeleted() then
      DelTree(DataFolder(), True, True, True);
end;
