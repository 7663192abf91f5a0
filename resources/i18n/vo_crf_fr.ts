<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../ui/dialogs/users.py" line="37" />
        <source>Add a user</source>
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="52" />
        <source>User name:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="53" />
        <source>Full name:</source>
        <translation>Nom complet :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="54" />
        <source>Role:</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="55" />
        <source>First password:</source>
        <translation>Mot de passe initial :</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="71" />
        <source>Cannot open the study database</source>
        <translation>Impossible d’ouvrir la base de l’étude</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="108" />
        <source>The study database {0} is damaged: its integrity check failed. Do not go on working on it.</source>
        <translation>La base d'étude {0} est endommagée : son contrôle d'intégrité a échoué. N'y travaillez plus.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="112" />
        <source>The latest good backup is {0}. Restoring it replaces the damaged file (which is kept in the backups folder); what was entered after that backup must be entered again.</source>
        <translation>La dernière sauvegarde saine est {0}. La restaurer remplace le fichier endommagé (conservé dans le dossier des sauvegardes) ; ce qui a été saisi après cette sauvegarde doit être saisi à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="117" />
        <source>No usable backup was found beside it: ask your data manager.</source>
        <translation>Aucune sauvegarde utilisable n'a été trouvée à côté : adressez-vous à votre data manager.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="120" />
        <source>The study database is damaged</source>
        <translation>La base d'étude est endommagée</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="126" />
        <source>Restore the latest backup</source>
        <translation>Restaurer la dernière sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="129" />
        <source>Open another database…</source>
        <translation>Ouvrir une autre base…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="132" />
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="158" />
        <source>Restore failed</source>
        <translation>Échec de la restauration</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="159" />
        <source>Restoring {0} failed: {1}</source>
        <translation>La restauration de {0} a échoué : {1}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="195" />
        <source>Unsaved changes found</source>
        <translation>Modifications non enregistrées trouvées</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="196" />
        <source>These forms have unsaved changes from a previous session (the application may have stopped unexpectedly):</source>
        <translation>Ces formulaires ont des modifications non enregistrées d’une session précédente (l’application s’est peut-être arrêtée brutalement) :</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="199" />
        <source>Restore them? (No discards them.)</source>
        <translation>Les restaurer ? (Non les abandonne.)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="279" />
        <source>Open or create a study database</source>
        <translation>Ouvrir ou créer une base d’étude</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="281" />
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d’étude (*.sqlite *.db)</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <location filename="../../ui/backups.py" line="76" />
        <source>Backups: by the database server</source>
        <translation>Sauvegardes : par le serveur de base de données</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="81" />
        <source>No backup yet</source>
        <translation>Aucune sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="83" />
        <source>Last backup: {0}</source>
        <translation>Dernière sauvegarde : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="98" />
        <source>Daily backup written</source>
        <translation>Sauvegarde quotidienne écrite</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="103" />
        <source>The daily backup failed: {0}</source>
        <translation>La sauvegarde quotidienne a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="105" />
        <source>Daily backup</source>
        <translation>Sauvegarde quotidienne</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="111" />
        <location filename="../../ui/backups.py" line="114" />
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="119" />
        <source>Backup written: {0}</source>
        <translation>Sauvegarde écrite : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="124" />
        <source>The backup failed: {0}</source>
        <translation>La sauvegarde a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="144" />
        <source>Backing up the study database…</source>
        <translation>Sauvegarde de la base d'étude…</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="147" />
        <source>Backing up the study database</source>
        <translation>Sauvegarde de la base d'étude</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="159" />
        <source>The backup made at closing failed: {0}</source>
        <translation>La sauvegarde faite à la fermeture a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="161" />
        <source>The backup made at closing did not finish in time; the last good backup is kept. Use File &gt; Back up now next time.</source>
        <translation>La sauvegarde faite à la fermeture n'a pas fini à temps ; la dernière sauvegarde saine est conservée. Utilisez Fichier &gt; Sauvegarder maintenant la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="163" />
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../ui/backups.py" line="226" />
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="228" />
        <source>There is no backup of this study database yet (folder {0}).</source>
        <translation>Il n'y a pas encore de sauvegarde de cette base d'étude (dossier {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="240" />
        <source>Replace the study database by the backup taken {0}?

Everything entered since then is removed from the database (the current file is kept in the backups folder). The database is closed, restored and opened again: you will log in again.</source>
        <translation>Remplacer la base d'étude par la sauvegarde du {0} ?

Tout ce qui a été saisi depuis est retiré de la base (le fichier actuel est conservé dans le dossier des sauvegardes). La base est fermée, restaurée puis rouverte : vous vous reconnecterez.</translation>
    </message>
</context>
<context>
    <name>ChoiceGroup</name>
    <message>
        <location filename="../../ui/forms/choices.py" line="53" />
        <source>Code {0}: type {0} to choose it</source>
        <translation>Code {0} : tapez {0} pour le choisir</translation>
    </message>
</context>
<context>
    <name>ChooseBackupDialog</name>
    <message>
        <location filename="../../ui/backups.py" line="180" />
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="184" />
        <source>Choose the backup to restore. The current database is kept in the backups folder before it is replaced.</source>
        <translation>Choisissez la sauvegarde à restaurer. La base actuelle est conservée dans le dossier des sauvegardes avant d’être remplacée.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="190" />
        <source>Taken</source>
        <translation>Prise le</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="190" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="191" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="197" />
        <source>daily</source>
        <translation>quotidienne</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="197" />
        <source>at closing</source>
        <translation>à la fermeture</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="198" />
        <source>manual</source>
        <translation>manuelle</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="198" />
        <source>before a restore</source>
        <translation>avant une restauration</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="199" />
        <source>before a sync</source>
        <translation>avant une synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="211" />
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
</context>
<context>
    <name>ConfirmWarningsDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="82" />
        <source>Confirm unusual values</source>
        <translation>Confirmer des valeurs inhabituelles</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="85" />
        <source>These values are outside the expected range or visit window. Correct them, or give a reason to keep each one (it is kept in the audit trail).</source>
        <translation>Ces valeurs sont hors des bornes attendues ou de la fenêtre de visite. Corrigez-les, ou donnez un motif pour garder chacune (il est conservé dans la piste d’audit).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="99" />
        <source>Reason, e.g. value checked in the source file</source>
        <translation>Motif, p. ex. valeur vérifiée dans le dossier source</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="107" />
        <source>Keep values</source>
        <translation>Garder les valeurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="109" />
        <source>Correct them</source>
        <translation>Les corriger</translation>
    </message>
</context>
<context>
    <name>DashboardModel</name>
    <message>
        <location filename="../../ui/dashboard/model.py" line="164" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="164" />
        <source>Site</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="164" />
        <source>Day 0</source>
        <translation>Jour 0</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="165" />
        <source>Next visit</source>
        <translation>Prochaine visite</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="213" />
        <source>{0}: window {1} to {2}</source>
        <translation>{0} : fenêtre du {1} au {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="235" />
        <source>({0} instances; worst shown)</source>
        <translation>({0} saisies ; la moins avancée est affichée)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard/view.py" line="86" />
        <source>Search study number… (Ctrl+F)</source>
        <translation>Chercher un numéro… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="94" />
        <source>All sites</source>
        <translation>Tous les centres</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="100" />
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="104" />
        <source>Has a form: {0}</source>
        <translation>Un formulaire : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="106" />
        <source>No data yet</source>
        <translation>Aucune donnée</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="109" />
        <source>Overdue visits only</source>
        <translation>Visites en retard seulement</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="116" />
        <source>&amp;New patient</source>
        <translation>&amp;Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="119" />
        <source>Create a patient with the next study number of a site (Ctrl+N)</source>
        <translation>Créer un patient avec le prochain numéro d’étude du centre (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="143" />
        <source>Double-click or press Enter on a cell to open the form</source>
        <translation>Double-cliquez ou appuyez sur Entrée sur une case pour ouvrir le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="157" />
        <source>{0} patient(s)</source>
        <translation>{0} patient(s)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="174" />
        <location filename="../../ui/dashboard/view.py" line="184" />
        <source>New patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="175" />
        <source>Enrolling site:</source>
        <translation>Centre d’inclusion :</translation>
    </message>
</context>
<context>
    <name>DateFieldEditor</name>
    <message>
        <location filename="../../ui/forms/fields.py" line="128" />
        <source>Type 2024-03-05 or 05/03/2024; t = today</source>
        <translation>Tapez 2024-03-05 ou 05/03/2024 ; t = aujourd’hui</translation>
    </message>
</context>
<context>
    <name>FieldHistoryDialog</name>
    <message>
        <location filename="../../ui/dialogs/history.py" line="32" />
        <source>Field history</source>
        <translation>Historique du champ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37" />
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37" />
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37" />
        <source>Old value</source>
        <translation>Ancienne valeur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="38" />
        <source>New value</source>
        <translation>Nouvelle valeur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="38" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="56" />
        <source>No change recorded for this field yet.</source>
        <translation>Aucune modification enregistrée pour ce champ.</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <location filename="../../ui/forms/row.py" line="152" />
        <source>Missing data code</source>
        <translation>Code de donnée manquante</translation>
    </message>
    <message>
        <location filename="../../ui/forms/row.py" line="158" />
        <source>Clear the missing data code</source>
        <translation>Effacer le code de donnée manquante</translation>
    </message>
    <message>
        <location filename="../../ui/forms/row.py" line="161" />
        <source>Field history…</source>
        <translation>Historique du champ…</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="28" />
        <source>vo-crf — first start</source>
        <translation>vo-crf — premier démarrage</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="33" />
        <source>There is no study database at&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;What do you want to do?</source>
        <translation>Il n’y a pas de base d’étude à&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Que voulez-vous faire ?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="39" />
        <source>Create the demo study (29 patients)</source>
        <translation>Créer l’étude de démonstration (29 patients)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="40" />
        <source>Create an empty study</source>
        <translation>Créer une étude vide</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="41" />
        <source>Open another database…</source>
        <translation>Ouvrir une autre base…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="55" />
        <source>at least 10 characters</source>
        <translation>au moins 10 caractères</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="56" />
        <source>Administrator name:</source>
        <translation>Identifiant de l’administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="57" />
        <source>Administrator password:</source>
        <translation>Mot de passe de l’administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="88" />
        <source>Open a study database</source>
        <translation>Ouvrir une base d’étude</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="89" />
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d’étude (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="94" />
        <source>Give the administrator's name and password.</source>
        <translation>Indiquez l’identifiant et le mot de passe de l’administrateur.</translation>
    </message>
</context>
<context>
    <name>FormEditor</name>
    <message>
        <location filename="../../ui/forms/editor.py" line="120" />
        <source>Form status:</source>
        <translation>Statut du formulaire :</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="131" />
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="134" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="136" />
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="139" />
        <source>Save &amp;&amp; &amp;next form</source>
        <translation>Enregistrer et formulaire &amp;suivant</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="141" />
        <source>Save and open the next form (Ctrl+Return)</source>
        <translation>Enregistrer et ouvrir le formulaire suivant (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="144" />
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="145" />
        <source>Save and next form</source>
        <translation>Enregistrer et formulaire suivant</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="213" />
        <source>Locked by {0} on {1}: read-only. An investigator can unlock it with a reason.</source>
        <translation>Verrouillé par {0} le {1} : lecture seule. Un investigateur peut le déverrouiller en donnant un motif.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="221" />
        <source>Verified by {0}</source>
        <translation>Vérifié par {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="223" />
        <source>Locked by {0}</source>
        <translation>Verrouillé par {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="314" />
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Non enregistré : corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="318" />
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="323" />
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="324" />
        <source>Protocol deviation recorded: {0}</source>
        <translation>Déviation au protocole enregistrée : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="352" />
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="353" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="382" />
        <source>Restored unsaved changes from {0}. Check them and save.</source>
        <translation>Modifications non enregistrées du {0} restaurées. Vérifiez-les puis enregistrez.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="385" />
        <source>The form was saved by someone else since then.</source>
        <translation>Le formulaire a été enregistré par quelqu’un d’autre depuis.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../ui/dialogs/history.py" line="68" />
        <source>Field history</source>
        <translation>Historique du champ</translation>
    </message>
</context>
<context>
    <name>InstanceDialog</name>
    <message>
        <location filename="../../ui/patient/repeating.py" line="62" />
        <source>Save &amp;&amp; &amp;close</source>
        <translation>Enregistrer et &amp;fermer</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="13" />
        <location filename="../../ui/labels.py" line="22" />
        <source>Incomplete</source>
        <translation>Incomplet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14" />
        <location filename="../../ui/labels.py" line="23" />
        <source>Unverified</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15" />
        <location filename="../../ui/labels.py" line="24" />
        <source>Complete</source>
        <translation>Complet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21" />
        <source>No data</source>
        <translation>Aucune donnée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26" />
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33" />
        <source>done</source>
        <translation>faite</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34" />
        <source>upcoming</source>
        <translation>à venir</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35" />
        <source>due now</source>
        <translation>à faire</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36" />
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43" />
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44" />
        <source>Investigator</source>
        <translation>Investigateur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45" />
        <source>Research nurse</source>
        <translation>Infirmière de recherche</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46" />
        <source>Statistician</source>
        <translation>Statisticien</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="29" />
        <source>vo-crf — log in</source>
        <translation>vo-crf — connexion</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="48" />
        <source>&amp;User name:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="49" />
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="59" />
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="50" />
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77" />
        <source>Open or create another study database…</source>
        <translation>Ouvrir ou créer une autre base d’étude…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="79" />
        <source>&amp;Settings…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="82" />
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85" />
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94" />
        <source>&amp;Lock screen</source>
        <translation>&amp;Verrouiller l’écran</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100" />
        <source>&amp;Patient</source>
        <translation>&amp;Patient</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101" />
        <source>&amp;New patient…</source>
        <translation>&amp;Nouveau patient…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104" />
        <source>Record status &amp;dashboard</source>
        <translation>&amp;Tableau de bord des dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>&amp;Admin</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111" />
        <source>&amp;Users…</source>
        <translation>&amp;Utilisateurs…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205" />
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Tab / Shift+Tab: next / previous field
Radio buttons and check boxes: type the code or the first letter, arrows + Space
Delete in a choice field: clear it · Menu key: missing-data code, field history
Ctrl+S: save · Ctrl+Return: save and go to the next form
Ctrl+PgDown / Ctrl+PgUp: next / previous form
Alt+Left or Ctrl+D: dashboard · Ctrl+N: new patient · Ctrl+F: search
Ctrl+L: lock the screen</source>
        <translation>Tab / Maj+Tab : champ suivant / précédent
Boutons radio et cases à cocher : tapez le code ou la première lettre, flèches + Espace
Suppr dans un champ à choix : l’effacer · Touche Menu : code de donnée manquante, historique
Ctrl+S : enregistrer · Ctrl+Entrée : enregistrer et formulaire suivant
Ctrl+PgSuiv / Ctrl+PgPréc : formulaire suivant / précédent
Alt+Gauche ou Ctrl+D : tableau de bord · Ctrl+N : nouveau patient · Ctrl+F : rechercher
Ctrl+L : verrouiller l’écran</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230" />
        <location filename="../../ui/main_window.py" line="241" />
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242" />
        <source>The database was not restored: {0}</source>
        <translation>La base n'a pas été restaurée : {0}</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <location filename="../../ui/patient/view.py" line="54" />
        <source>◀ Dashboard</source>
        <translation>◀ Tableau de bord</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="55" />
        <source>Back to the record status dashboard (Alt+Left)</source>
        <translation>Retour au tableau de bord (Alt+Gauche)</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="99" />
        <source>Patient timeline</source>
        <translation>Chronologie du patient</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="36" />
        <source>Reason (required, kept in the audit trail)</source>
        <translation>Motif (obligatoire, conservé dans la piste d’audit)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="44" />
        <source>Password of {0}:</source>
        <translation>Mot de passe de {0} :</translation>
    </message>
</context>
<context>
    <name>RepeatingFormPage</name>
    <message>
        <location filename="../../ui/patient/repeating.py" line="97" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="109" />
        <source>&amp;Add course</source>
        <translation>&amp;Ajouter un traitement</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="112" />
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="115" />
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="123" />
        <source>Enter: edit · Insert: add · Delete: delete</source>
        <translation>Entrée : modifier · Inser : ajouter · Suppr : supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="184" />
        <source>Delete {0} #{1}</source>
        <translation>Supprimer {0} n° {1}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="186" />
        <source>The course and its values are deleted; the audit trail keeps them. Why delete it?</source>
        <translation>Le traitement et ses valeurs sont supprimés ; la piste d’audit les conserve. Pourquoi le supprimer ?</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="193" />
        <source>Not deleted</source>
        <translation>Non supprimé</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../../ui/reports_menu.py" line="34" />
        <source>&amp;Reports</source>
        <translation>&amp;Rapports</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="38" />
        <source>Patient timeline (PDF)…</source>
        <translation>Chronologie du patient (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="39" />
        <source>All patients' timelines (PDF)…</source>
        <translation>Chronologies de tous les patients (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="41" />
        <source>Excel workbook…</source>
        <translation>Classeur Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="42" />
        <source>Excel workbook, de-identified…</source>
        <translation>Classeur Excel, anonymisé…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="45" />
        <source>Export REDCap CSV…</source>
        <translation>Export CSV REDCap…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="46" />
        <source>Export REDCap CSV, de-identified…</source>
        <translation>Export CSV REDCap, anonymisé…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="48" />
        <source>Import REDCap CSV…</source>
        <translation>Import CSV REDCap…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="70" />
        <location filename="../../ui/reports_menu.py" line="155" />
        <source>Failed: {0}</source>
        <translation>Échec : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="77" />
        <source>Open the file</source>
        <translation>Ouvrir le fichier</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="90" />
        <location filename="../../ui/reports_menu.py" line="93" />
        <location filename="../../ui/reports_menu.py" line="97" />
        <source>Patient timeline</source>
        <translation>Chronologie du patient</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="91" />
        <source>Open a patient first.</source>
        <translation>Ouvrez d’abord un patient.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="99" />
        <source>The timeline of {0} was written.</source>
        <translation>La chronologie de {0} a été écrite.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="106" />
        <location filename="../../ui/reports_menu.py" line="110" />
        <source>All patients' timelines</source>
        <translation>Chronologies de tous les patients</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="112" />
        <source>The timelines were written.</source>
        <translation>Les chronologies ont été écrites.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="118" />
        <location filename="../../ui/reports_menu.py" line="122" />
        <source>Excel workbook</source>
        <translation>Classeur Excel</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="124" />
        <source>Workbook written ({0} patients).</source>
        <translation>Classeur écrit ({0} patients).</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="131" />
        <location filename="../../ui/reports_menu.py" line="134" />
        <source>Export REDCap CSV</source>
        <translation>Export CSV REDCap</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="136" />
        <source>{0} rows exported.</source>
        <translation>{0} lignes exportées.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="142" />
        <location filename="../../ui/reports_menu.py" line="147" />
        <source>Import REDCap CSV</source>
        <translation>Import CSV REDCap</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="151" />
        <source>Imported: {0} forms saved, {1} new patients.</source>
        <translation>Importé : {0} formulaires enregistrés, {1} nouveaux patients.</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../ui/patient/review.py" line="38" />
        <source>Verify form</source>
        <translation>Vérifier le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="39" />
        <source>Lock form</source>
        <translation>Verrouiller le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="40" />
        <source>Sign form…</source>
        <translation>Signer le formulaire…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="41" />
        <source>Unlock form…</source>
        <translation>Déverrouiller le formulaire…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="42" />
        <source>Lock patient</source>
        <translation>Verrouiller le patient</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="43" />
        <source>Sign patient…</source>
        <translation>Signer le patient…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="44" />
        <source>Unlock patient…</source>
        <translation>Déverrouiller le patient…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="58" />
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="69" />
        <source>No form</source>
        <translation>Aucun formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="70" />
        <source>Open a form first.</source>
        <translation>Ouvrez d’abord un formulaire.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="91" />
        <source>Form verified</source>
        <translation>Formulaire vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="98" />
        <source>Form locked</source>
        <translation>Formulaire verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="115" />
        <source>Patient locked</source>
        <translation>Patient verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="126" />
        <source>this form</source>
        <translation>ce formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="126" />
        <source>every form of {0}</source>
        <translation>tous les formulaires de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="128" />
        <source>Electronic signature</source>
        <translation>Signature électronique</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="129" />
        <source>You are signing {0}. The forms are locked and your signature is kept in the audit trail. Re-enter your password to sign.</source>
        <translation>Vous signez {0}. Les formulaires sont verrouillés et votre signature est conservée dans la piste d’audit. Saisissez à nouveau votre mot de passe pour signer.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="132" />
        <source>I have reviewed these data and confirm they are accurate.</source>
        <translation>J’ai relu ces données et j’atteste leur exactitude.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="137" />
        <source>Signed and locked</source>
        <translation>Signé et verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="140" />
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="140" />
        <source>Why must these data be unlocked?</source>
        <translation>Pourquoi ces données doivent-elles être déverrouillées ?</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="144" />
        <source>Unlocked</source>
        <translation>Déverrouillé</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <location filename="../../ui/forms/saving.py" line="61" />
        <source>Reason for change</source>
        <translation>Motif de la modification</translation>
    </message>
    <message>
        <location filename="../../ui/forms/saving.py" line="62" />
        <source>This form is Complete or Verified. Why are you changing it? The reason is kept in the audit trail.</source>
        <translation>Ce formulaire est Complet ou Vérifié. Pourquoi le modifiez-vous ? Le motif est conservé dans la piste d’audit.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="32" />
        <source>Settings</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="40" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="44" />
        <source>Study database:</source>
        <translation>Base de l’étude :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="47" />
        <source>path or URL of the central database (sync)</source>
        <translation>chemin ou URL de la base centrale (synchronisation)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="48" />
        <source>Central database:</source>
        <translation>Base centrale :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="51" />
        <source>ISO: 2024-03-05</source>
        <translation>ISO : 2024-03-05</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="52" />
        <source>Day/month/year: 05/03/2024</source>
        <translation>Jour/mois/année : 05/03/2024</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="54" />
        <source>Date format:</source>
        <translation>Format de date :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="58" />
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="59" />
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="61" />
        <source>Lock the screen after:</source>
        <translation>Verrouiller l’écran après :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="64" />
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="68" />
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="70" />
        <source>The date format applies to forms opened from now on; the language applies at the next start.</source>
        <translation>Le format de date s’applique aux formulaires ouverts ensuite ; la langue au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="83" />
        <source>Study database</source>
        <translation>Base de l’étude</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="84" />
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d’étude (*.sqlite *.db)</translation>
    </message>
</context>
<context>
    <name>SyncConflictsDialog</name>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="45" />
        <location filename="../../ui/dialogs/sync_conflicts.py" line="177" />
        <source>Sync conflicts</source>
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="49" />
        <source>These values were changed here and at another site since the last synchronisation. Nothing was overwritten: the local value is kept until you choose which value to keep. Your choice and its reason are kept in the audit trail and reach the other sites at the next synchronisation.</source>
        <translation>Ces valeurs ont été modifiées ici et dans un autre centre depuis la dernière synchronisation. Rien n'a été écrasé : la valeur locale est gardée jusqu'à ce que vous choisissiez la valeur à conserver. Votre choix et son motif sont conservés dans la piste d'audit et parviennent aux autres centres à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55" />
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55" />
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55" />
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="56" />
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="56" />
        <source>Local value</source>
        <translation>Valeur locale</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="56" />
        <source>Changed here by</source>
        <translation>Modifiée ici par</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="57" />
        <source>Remote value</source>
        <translation>Valeur distante</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="57" />
        <source>Changed there by</source>
        <translation>Modifiée là-bas par</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="70" />
        <source>There are no open sync conflicts.</source>
        <translation>Il n'y a aucun conflit de synchronisation ouvert.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="77" />
        <source>Reason (required, kept in the audit trail), e.g. checked the source document</source>
        <translation>Motif (obligatoire, conservé dans la piste d'audit), p. ex. vérifié sur le document source</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="80" />
        <source>Keep &amp;local value</source>
        <translation>Garder la valeur &amp;locale</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="83" />
        <source>Keep &amp;remote value</source>
        <translation>Garder la valeur &amp;distante</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="86" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="133" />
        <source>Form status</source>
        <translation>Statut du formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="138" />
        <source>(deleted)</source>
        <translation>(supprimée)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="140" />
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="154" />
        <source>{0} at site {1}, {2}</source>
        <translation>{0} au centre {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="155" />
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../ui/sync_menu.py" line="44" />
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="47" />
        <source>&amp;Synchronise now…</source>
        <translation>&amp;Synchroniser maintenant…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="51" />
        <source>Sync &amp;conflicts…</source>
        <translation>&amp;Conflits de synchronisation…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="63" />
        <location filename="../../ui/sync_menu.py" line="77" />
        <location filename="../../ui/sync_menu.py" line="108" />
        <source>Synchronise</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="64" />
        <source>Path or URL of the central database (it is kept in the settings):</source>
        <translation>Chemin ou URL de la base centrale (conservé dans les paramètres) :</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="78" />
        <source>Backing up this database…</source>
        <translation>Sauvegarde de cette base…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="79" />
        <source>Sending this site's changes…</source>
        <translation>Envoi des modifications de ce centre…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="80" />
        <source>Receiving the other sites' changes…</source>
        <translation>Réception des modifications des autres centres…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="81" />
        <source>Finishing…</source>
        <translation>Finalisation…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="94" />
        <source>The synchronisation failed: {0}</source>
        <translation>La synchronisation a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="101" />
        <source>Site {0} synchronised.

Sent: {1} changed values ({2} audit rows).
Received: {3} changed values ({4} audit rows, {5} new patients).</source>
        <translation>Centre {0} synchronisé.

Envoyé : {1} valeurs modifiées ({2} lignes d'audit).
Reçu : {3} valeurs modifiées ({4} lignes d'audit, {5} nouveaux patients).</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="106" />
        <source>{0} values changed meanwhile on the central database: synchronise again to receive them.</source>
        <translation>{0} valeurs ont changé entre-temps sur la base centrale : synchronisez à nouveau pour les recevoir.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="115" />
        <source>{0} values were changed both here and at another site: nothing was overwritten. Choose which value to keep in Tools &gt; Sync conflicts.</source>
        <translation>{0} valeurs ont été modifiées ici et dans un autre centre : rien n'a été écrasé. Choisissez la valeur à conserver dans Outils &gt; Conflits de synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="119" />
        <source>Show the conflicts…</source>
        <translation>Afficher les conflits…</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="89" />
        <source>Days since diagnosis</source>
        <translation>Jours depuis le diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="108" />
        <source>Antibiotics</source>
        <translation>Antibiotiques</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="121" />
        <source>days {0}–{1}</source>
        <translation>jours {0}–{1}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="122" />
        <source>from day {0}</source>
        <translation>depuis le jour {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="175" />
        <source>Intravenous</source>
        <translation>Intraveineux</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="175" />
        <source>Oral</source>
        <translation>Oral</translation>
    </message>
</context>
<context>
    <name>TimelinePage</name>
    <message>
        <location filename="../../ui/patient/timeline.py" line="93" />
        <source>Site</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="93" />
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="94" />
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="94" />
        <source>Organism</source>
        <translation>Germe</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="95" />
        <source>Spinal segment</source>
        <translation>Segment rachidien</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="96" />
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="97" />
        <source>Diagnosis</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="98" />
        <source>Last follow-up</source>
        <translation>Dernier suivi</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="103" />
        <source>Antibiotics and inflammation markers</source>
        <translation>Antibiotiques et marqueurs inflammatoires</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="108" />
        <source>Clinical course</source>
        <translation>Évolution clinique</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="111" />
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="111" />
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="120" />
        <source>Imaging findings by visit</source>
        <translation>Imagerie par visite</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="121" />
        <source>Finding</source>
        <translation>Anomalie</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="148" />
        <source>Outcome</source>
        <translation>Évolution finale</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="149" />
        <source>Cured</source>
        <translation>Guéri</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="149" />
        <source>Relapse</source>
        <translation>Rechute</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="150" />
        <source>Sequelae</source>
        <translation>Séquelles</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="153" />
        <source>Antibiotic days</source>
        <translation>Jours d’antibiotiques</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="155" />
        <source>Follow-up (months)</source>
        <translation>Suivi (mois)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="88" />
        <source>vo-crf — locked</source>
        <translation>vo-crf — verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="92" />
        <source>The screen was locked after a period of inactivity. Your open form is kept. Enter the password of &lt;b&gt;{0}&lt;/b&gt; to continue.</source>
        <translation>L’écran a été verrouillé après une période d’inactivité. Le formulaire ouvert est conservé. Saisissez le mot de passe de &lt;b&gt;{0}&lt;/b&gt; pour continuer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="106" />
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="115" />
        <source>Wrong password.</source>
        <translation>Mot de passe incorrect.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/dialogs/users.py" line="70" />
        <location filename="../../ui/dialogs/users.py" line="149" />
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="73" />
        <source>User name</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="73" />
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="73" />
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="74" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="87" />
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="88" />
        <location filename="../../ui/dialogs/users.py" line="143" />
        <source>&amp;Deactivate</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="89" />
        <source>&amp;Reset password…</source>
        <translation>&amp;Réinitialiser le mot de passe…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="90" />
        <source>Change r&amp;ole…</source>
        <translation>Changer le r&amp;ôle…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="99" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="115" />
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="117" />
        <source>Locked out until {0}</source>
        <translation>Bloqué jusqu’à {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="120" />
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="143" />
        <source>Re&amp;activate</source>
        <translation>Ré&amp;activer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="176" />
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="177" />
        <source>New password for {0}:</source>
        <translation>Nouveau mot de passe de {0} :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="189" />
        <source>Change role</source>
        <translation>Changer le rôle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="190" />
        <source>Role of {0}:</source>
        <translation>Rôle de {0} :</translation>
    </message>
</context>
</TS>