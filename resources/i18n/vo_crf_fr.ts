<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../ui/dialogs/users.py" line="36"/>
        <source>Add a user</source>
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="51"/>
        <source>User name:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="52"/>
        <source>Full name:</source>
        <translation>Nom complet :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="53"/>
        <source>Role:</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="54"/>
        <source>First password:</source>
        <translation>Mot de passe initial :</translation>
    </message>
</context>
<context>
    <name>AmendmentDialog</name>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="1"/>
        <source>Backup made before the change: {0}</source>
        <translation>Sauvegarde faite avant la modification : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="1"/>
        <source>No backup was made by vo-crf (a PostgreSQL database: back it up with the server's tools).</source>
        <translation>vo-crf n'a pas fait de sauvegarde (base PostgreSQL : sauvegardez-la avec les outils du serveur).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="58"/>
        <location filename="../../ui/dialogs/amendment.py" line="221"/>
        <location filename="../../ui/dialogs/amendment.py" line="238"/>
        <source>Protocol amendment</source>
        <translation>Amendement au protocole</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="64"/>
        <source>Definition version {0} → {1} of {2}: {3} change(s), {4} touching stored data.</source>
        <translation>Définition de {2}, version {0} → {1} : {3} modification(s), dont {4} touchant des données enregistrées.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="73"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="73"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="73"/>
        <source>Stored values</source>
        <translation>Valeurs enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="84"/>
        <source>Blocking item</source>
        <translation>Point bloquant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="84"/>
        <source>What happens to the stored values</source>
        <translation>Devenir des valeurs enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="90"/>
        <source>Apply amendment</source>
        <translation>Appliquer l’amendement</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="112"/>
        <source>Touches stored data: map it below</source>
        <translation>Touche des données enregistrées : indiquez leur devenir ci-dessous</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="132"/>
        <source>No change touches stored data in a way that needs a decision.</source>
        <translation>Aucune modification ne touche les données enregistrées d’une façon qui demande une décision.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="137"/>
        <source>These changes would orphan or reinterpret stored data. Choose for each what happens to the stored values (deletions are kept in the audit trail):</source>
        <translation>Ces modifications rendraient des données enregistrées orphelines ou en changeraient le sens. Choisissez pour chacune le devenir des valeurs enregistrées (les suppressions sont conservées dans la piste d’audit) :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="143"/>
        <source>{0} ({1} stored value(s))</source>
        <translation>{0} ({1} valeur(s) enregistrée(s))</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="147"/>
        <source>— choose —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="157"/>
        <source>Delete the data of form {0} at event {1}</source>
        <translation>Supprimer les données du formulaire {0} à la visite {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="160"/>
        <source>Delete the values</source>
        <translation>Supprimer les valeurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="164"/>
        <source>Code {0} — {1}</source>
        <translation>Code {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="169"/>
        <source>Keep in {0} (form {1})</source>
        <translation>Garder dans {0} (formulaire {1})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="174"/>
        <source>Move to {0} — {1} (form {2})</source>
        <translation>Déplacer vers {0} — {1} (formulaire {2})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="222"/>
        <source>The amendment was not applied: {0}</source>
        <translation>L’amendement n’a pas été appliqué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="234"/>
        <source>Folder of the new study definition (REDCap files)</source>
        <translation>Dossier de la nouvelle définition de l’étude (fichiers REDCap)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="242"/>
        <source>This definition cannot be loaded: {0}</source>
        <translation>Cette définition ne peut pas être chargée : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment.py" line="248"/>
        <source>Applied: {0}.
The study is opened again with the new definition.</source>
        <translation>Appliqué : {0}.
L’étude est rouverte avec la nouvelle définition.</translation>
    </message>
</context>
<context>
    <name>AmendmentLabels</name>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="14"/>
        <source>Field added</source>
        <translation>Champ ajouté</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="15"/>
        <source>Field removed</source>
        <translation>Champ supprimé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="16"/>
        <source>Field moved</source>
        <translation>Champ déplacé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="17"/>
        <source>Field retyped</source>
        <translation>Type de champ modifié</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="18"/>
        <source>Field relabelled</source>
        <translation>Libellé de champ modifié</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="19"/>
        <source>Choice added</source>
        <translation>Modalité ajoutée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="20"/>
        <source>Choice removed</source>
        <translation>Modalité supprimée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="21"/>
        <source>Choice relabelled</source>
        <translation>Libellé de modalité modifié</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="22"/>
        <source>Choice recoded</source>
        <translation>Modalité recodée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="23"/>
        <source>Branching logic</source>
        <translation>Logique d&apos;affichage</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="24"/>
        <source>Calculation</source>
        <translation>Calcul</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="25"/>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="26"/>
        <source>Range</source>
        <translation>Plage de valeurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="27"/>
        <source>Identifier</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="28"/>
        <source>Form added</source>
        <translation>Formulaire ajouté</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="29"/>
        <source>Form removed</source>
        <translation>Formulaire supprimé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="30"/>
        <source>Event added</source>
        <translation>Visite ajoutée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="31"/>
        <source>Event removed</source>
        <translation>Visite supprimée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="32"/>
        <source>Event timing</source>
        <translation>Calendrier de visite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="33"/>
        <source>Form added to event</source>
        <translation>Formulaire ajouté à une visite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="34"/>
        <source>Form removed from event</source>
        <translation>Formulaire retiré d&apos;une visite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="35"/>
        <source>Form repeats</source>
        <translation>Formulaire répétable</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="36"/>
        <source>Form no longer repeats</source>
        <translation>Formulaire non répétable</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="37"/>
        <source>Study setting</source>
        <translation>Paramètre de l&apos;étude</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="80"/>
        <source>Cannot open the study database</source>
        <translation>Impossible d’ouvrir la base de l’étude</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="117"/>
        <source>The study database {0} is damaged: its integrity check failed. Do not go on working on it.</source>
        <translation>La base d&apos;étude {0} est endommagée : son contrôle d&apos;intégrité a échoué. N&apos;y travaillez plus.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="121"/>
        <source>The latest good backup is {0}. Restoring it replaces the damaged file (which is kept in the backups folder); what was entered after that backup must be entered again.</source>
        <translation>La dernière sauvegarde saine est {0}. La restaurer remplace le fichier endommagé (conservé dans le dossier des sauvegardes) ; ce qui a été saisi après cette sauvegarde doit être saisi à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="126"/>
        <source>No usable backup was found beside it: ask your data manager.</source>
        <translation>Aucune sauvegarde utilisable n&apos;a été trouvée à côté : adressez-vous à votre data manager.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="129"/>
        <source>The study database is damaged</source>
        <translation>La base d&apos;étude est endommagée</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="135"/>
        <source>Restore the latest backup</source>
        <translation>Restaurer la dernière sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="138"/>
        <source>Open another database…</source>
        <translation>Ouvrir une autre base…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="141"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="167"/>
        <source>Restore failed</source>
        <translation>Échec de la restauration</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="168"/>
        <source>Restoring {0} failed: {1}</source>
        <translation>La restauration de {0} a échoué : {1}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="204"/>
        <source>Unsaved changes found</source>
        <translation>Modifications non enregistrées trouvées</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="205"/>
        <source>These forms have unsaved changes from a previous session (the application may have stopped unexpectedly):</source>
        <translation>Ces formulaires ont des modifications non enregistrées d’une session précédente (l’application s’est peut-être arrêtée brutalement) :</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="208"/>
        <source>Restore them? (No discards them.)</source>
        <translation>Les restaurer ? (Non les abandonne.)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="327"/>
        <source>Open or create a study database</source>
        <translation>Ouvrir ou créer une base d’étude</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="329"/>
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d’étude (*.sqlite *.db)</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <location filename="../../ui/backups.py" line="76"/>
        <source>Backups: by the database server</source>
        <translation>Sauvegardes : par le serveur de base de données</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="81"/>
        <source>No backup yet</source>
        <translation>Aucune sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="83"/>
        <source>Last backup: {0}</source>
        <translation>Dernière sauvegarde : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="98"/>
        <source>Daily backup written</source>
        <translation>Sauvegarde quotidienne écrite</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="103"/>
        <source>The daily backup failed: {0}</source>
        <translation>La sauvegarde quotidienne a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="105"/>
        <source>Daily backup</source>
        <translation>Sauvegarde quotidienne</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="111"/>
        <location filename="../../ui/backups.py" line="114"/>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="119"/>
        <source>Backup written: {0}</source>
        <translation>Sauvegarde écrite : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="124"/>
        <source>The backup failed: {0}</source>
        <translation>La sauvegarde a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="144"/>
        <source>Backing up the study database…</source>
        <translation>Sauvegarde de la base d&apos;étude…</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="147"/>
        <source>Backing up the study database</source>
        <translation>Sauvegarde de la base d&apos;étude</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="159"/>
        <source>The backup made at closing failed: {0}</source>
        <translation>La sauvegarde faite à la fermeture a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="161"/>
        <source>The backup made at closing did not finish in time; the last good backup is kept. Use File &gt; Back up now next time.</source>
        <translation>La sauvegarde faite à la fermeture n&apos;a pas fini à temps ; la dernière sauvegarde saine est conservée. Utilisez Fichier &gt; Sauvegarder maintenant la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="163"/>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../ui/backups.py" line="226"/>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="228"/>
        <source>There is no backup of this study database yet (folder {0}).</source>
        <translation>Il n&apos;y a pas encore de sauvegarde de cette base d&apos;étude (dossier {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="240"/>
        <source>Replace the study database by the backup taken {0}?

Everything entered since then is removed from the database (the current file is kept in the backups folder). The database is closed, restored and opened again: you will log in again.</source>
        <translation>Remplacer la base d&apos;étude par la sauvegarde du {0} ?

Tout ce qui a été saisi depuis est retiré de la base (le fichier actuel est conservé dans le dossier des sauvegardes). La base est fermée, restaurée puis rouverte : vous vous reconnecterez.</translation>
    </message>
</context>
<context>
    <name>ChoiceGroup</name>
    <message>
        <location filename="../../ui/forms/choices.py" line="53"/>
        <source>Code {0}: type {0} to choose it</source>
        <translation>Code {0} : tapez {0} pour le choisir</translation>
    </message>
</context>
<context>
    <name>ChooseBackupDialog</name>
    <message>
        <location filename="../../ui/backups.py" line="180"/>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="184"/>
        <source>Choose the backup to restore. The current database is kept in the backups folder before it is replaced.</source>
        <translation>Choisissez la sauvegarde à restaurer. La base actuelle est conservée dans le dossier des sauvegardes avant d’être remplacée.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="190"/>
        <source>Taken</source>
        <translation>Prise le</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="190"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="191"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="197"/>
        <source>daily</source>
        <translation>quotidienne</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="197"/>
        <source>at closing</source>
        <translation>à la fermeture</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="198"/>
        <source>manual</source>
        <translation>manuelle</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="198"/>
        <source>before a restore</source>
        <translation>avant une restauration</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="199"/>
        <source>before a sync</source>
        <translation>avant une synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="211"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <location filename="../../ui/dde/comparison.py" line="63"/>
        <source>Compare double entries</source>
        <translation>Comparer la double saisie</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="67"/>
        <source>&lt;b&gt;{0} — {1}&lt;/b&gt; &amp;nbsp; {2}&lt;br&gt;Entry 1 by {3}, entry 2 by {4}: {5} fields compared, {6} different.</source>
        <translation>&lt;b&gt;{0} — {1}&lt;/b&gt; &amp;nbsp; {2}&lt;br&gt;Saisie 1 par {3}, saisie 2 par {4} : {5} champ(s) comparé(s), {6} discordant(s).</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="77"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="77"/>
        <source>Entry 1</source>
        <translation>Saisie 1</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="77"/>
        <source>Entry 2</source>
        <translation>Saisie 2</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="77"/>
        <source>Final value</source>
        <translation>Valeur retenue</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="95"/>
        <source>Use entry &amp;1</source>
        <translation>Retenir la saisie &amp;1</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="98"/>
        <source>Use entry &amp;2</source>
        <translation>Retenir la saisie &amp;2</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="101"/>
        <source>or type the final value in the last column</source>
        <translation>ou tapez la valeur retenue dans la dernière colonne</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="112"/>
        <source>Reason (required when the entries differ), e.g. checked against the source</source>
        <translation>Motif (obligatoire si les saisies diffèrent), p. ex. vérifié sur le document source</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="122"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="125"/>
        <source>&amp;Adjudicate</source>
        <translation>&amp;Arbitrer</translation>
    </message>
    <message>
        <location filename="../../ui/dde/comparison.py" line="158"/>
        <source>Not resolved yet</source>
        <translation>Pas encore arbitré</translation>
    </message>
</context>
<context>
    <name>ConfirmWarningsDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="82"/>
        <source>Confirm unusual values</source>
        <translation>Confirmer des valeurs inhabituelles</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="85"/>
        <source>These values are outside the expected range or visit window. Correct them, or give a reason to keep each one (it is kept in the audit trail).</source>
        <translation>Ces valeurs sont hors des bornes attendues ou de la fenêtre de visite. Corrigez-les, ou donnez un motif pour garder chacune (il est conservé dans la piste d’audit).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="99"/>
        <source>Reason, e.g. value checked in the source file</source>
        <translation>Motif, p. ex. valeur vérifiée dans le dossier source</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="107"/>
        <source>Keep values</source>
        <translation>Garder les valeurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="109"/>
        <source>Correct them</source>
        <translation>Les corriger</translation>
    </message>
</context>
<context>
    <name>DashboardModel</name>
    <message>
        <location filename="../../ui/dashboard/model.py" line="1"/>
        <source>follow-up ended</source>
        <translation>suivi terminé</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="1"/>
        <source>{0} dated {1}, before the {2} visit ({3})</source>
        <translation>{0} datée du {1}, avant la visite {2} ({3})</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="1"/>
        <source>window {0} to {1}</source>
        <translation>fenêtre du {0} au {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="176"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="176"/>
        <source>Site</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="176"/>
        <source>Day 0</source>
        <translation>Jour 0</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="177"/>
        <source>Next visit</source>
        <translation>Prochaine visite</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="177"/>
        <source>Open
queries</source>
        <translation>Requêtes
ouvertes</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="179"/>
        <source>Data clarification queries not closed yet (open or answered)</source>
        <translation>Requêtes (demandes de clarification) pas encore clôturées (ouvertes ou répondues)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="233"/>
        <source>{0}: window {1} to {2}</source>
        <translation>{0} : fenêtre du {1} au {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/model.py" line="275"/>
        <source>({0} instances; worst shown)</source>
        <translation>({0} saisies ; la moins avancée est affichée)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard/view.py" line="1"/>
        <source>Visit overdue</source>
        <translation>Visite en retard</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="1"/>
        <source>Dated before an earlier visit</source>
        <translation>Datée avant une visite antérieure</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="90"/>
        <source>Search study number… (Ctrl+F)</source>
        <translation>Chercher un numéro… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="99"/>
        <source>All sites</source>
        <translation>Tous les centres</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="105"/>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="109"/>
        <source>Has a form: {0}</source>
        <translation>Un formulaire : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="111"/>
        <source>No data yet</source>
        <translation>Aucune donnée</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="114"/>
        <source>Overdue visits only</source>
        <translation>Visites en retard seulement</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="121"/>
        <source>&amp;Data quality</source>
        <translation>&amp;Qualité des données</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="123"/>
        <source>Run the data-quality checks and list the findings (Ctrl+Shift+D)</source>
        <translation>Lancer les contrôles de qualité des données et lister les anomalies (Ctrl+Maj+D)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="127"/>
        <source>&amp;New patient</source>
        <translation>&amp;Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="130"/>
        <source>Create a patient with the next study number of a site (Ctrl+N)</source>
        <translation>Créer un patient avec le prochain numéro d’étude du centre (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="159"/>
        <source>Double entry (one ring filled per Complete entry)</source>
        <translation>Double saisie (un anneau rempli par saisie au statut Complet)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="164"/>
        <source>Double-click or press Enter on a cell to open the form</source>
        <translation>Double-cliquez ou appuyez sur Entrée sur une case pour ouvrir le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="178"/>
        <source>{0} patient(s)</source>
        <translation>{0} patient(s)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="180"/>
        <source>{0} open query(ies)</source>
        <translation>{0} requête(s) ouverte(s)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="203"/>
        <location filename="../../ui/dashboard/view.py" line="213"/>
        <source>New patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="204"/>
        <source>Enrolling site:</source>
        <translation>Centre d’inclusion :</translation>
    </message>
</context>
<context>
    <name>DateFieldEditor</name>
    <message>
        <location filename="../../ui/forms/fields.py" line="128"/>
        <source>Type 2024-03-05 or 05/03/2024; t = today</source>
        <translation>Tapez 2024-03-05 ou 05/03/2024 ; t = aujourd’hui</translation>
    </message>
</context>
<context>
    <name>DoubleEntryBar</name>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="46"/>
        <source>&amp;Compare entries…</source>
        <translation>&amp;Comparer les saisies…</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="78"/>
        <source>Double data entry: {0}.</source>
        <translation>Double saisie : {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="80"/>
        <source>Double data entry: the final values are not made yet.</source>
        <translation>Double saisie : les valeurs retenues ne sont pas encore établies.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="82"/>
        <source>Double data entry: entry {0} of 2. The other entry is made independently by another user and is not shown.</source>
        <translation>Double saisie : saisie {0} sur 2. L’autre saisie est faite indépendamment par un autre utilisateur et n’est pas affichée.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="86"/>
        <source>Status: {0}.</source>
        <translation>Statut : {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="93"/>
        <source>Both entries must be Complete before they are compared.</source>
        <translation>Les deux saisies doivent être au statut Complet avant d’être comparées.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="110"/>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Non enregistré : corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="113"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="118"/>
        <source>Your entry {0} of 2 is saved.</source>
        <translation>Votre saisie {0} sur 2 est enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="130"/>
        <source>Double data entry</source>
        <translation>Double saisie</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="145"/>
        <source>awaiting entry 1</source>
        <translation>saisie 1 attendue</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="147"/>
        <source>awaiting entry 2</source>
        <translation>saisie 2 attendue</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="149"/>
        <source>ready to compare</source>
        <translation>prêt pour la comparaison</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="151"/>
        <source>adjudicated</source>
        <translation>arbitré</translation>
    </message>
    <message>
        <location filename="../../ui/dde/entry_bar.py" line="153"/>
        <source>entered without double entry</source>
        <translation>saisi sans double saisie</translation>
    </message>
</context>
<context>
    <name>DoubleEntryLabels</name>
    <message>
        <location filename="../../ui/dde/labels.py" line="13"/>
        <source>double data entry: {0} instances, {1} ready to compare</source>
        <translation>double saisie : {0} occurrences, {1} prête(s) pour la comparaison</translation>
    </message>
    <message>
        <location filename="../../ui/dde/labels.py" line="17"/>
        <source>double data entry: ready to compare</source>
        <translation>double saisie : prête pour la comparaison</translation>
    </message>
    <message>
        <location filename="../../ui/dde/labels.py" line="19"/>
        <source>double data entry: {0} of 2 entries complete</source>
        <translation>double saisie : {0} saisie(s) complète(s) sur 2</translation>
    </message>
</context>
<context>
    <name>DoubleEntrySettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/double_entry_settings.py" line="34"/>
        <source>Double data entry</source>
        <translation>Double saisie</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/double_entry_settings.py" line="39"/>
        <source>Forms checked here are entered twice, by two different users, then compared and adjudicated. Forms already entered keep their values. The change is stored as a new version of the study definition and the study is opened again.</source>
        <translation>Les formulaires cochés ici sont saisis deux fois, par deux utilisateurs différents, puis comparés et arbitrés. Les formulaires déjà saisis gardent leurs valeurs. La modification est enregistrée comme une nouvelle version de la définition de l’étude, puis l’étude est rouverte.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/double_entry_settings.py" line="75"/>
        <source>The setting was not changed: {0}</source>
        <translation>Le paramètre n’a pas été modifié : {0}</translation>
    </message>
</context>
<context>
    <name>DoubleEntryWorklist</name>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="57"/>
        <source>finish your entry</source>
        <translation>terminer votre saisie</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="59"/>
        <source>make the other entry</source>
        <translation>faire l’autre saisie</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="61"/>
        <source>compare and adjudicate</source>
        <translation>comparer et arbitrer</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="63"/>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>DoubleEntryWorklistDialog</name>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="148"/>
        <source>Double data entry worklist</source>
        <translation>Doubles saisies à traiter</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="152"/>
        <source>Forms entered once or twice whose final values are not made yet. Enter or double-click opens the form.</source>
        <translation>Formulaires saisis une ou deux fois dont les valeurs retenues ne sont pas encore établies. Entrée ou un double-clic ouvre le formulaire.</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="157"/>
        <source>Only forms with a &amp;step for me</source>
        <translation>&amp;Seulement les formulaires qui m’attendent</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="185"/>
        <source>&amp;Open form</source>
        <translation>&amp;Ouvrir le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="189"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="207"/>
        <source>{0} form(s) in double entry</source>
        <translation>{0} formulaire(s) en double saisie</translation>
    </message>
</context>
<context>
    <name>DoubleEntryWorklistModel</name>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="85"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="85"/>
        <source>Site</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="85"/>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="85"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="86"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="86"/>
        <source>Entry 1 by</source>
        <translation>Saisie 1 par</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="86"/>
        <source>Entry 2 by</source>
        <translation>Saisie 2 par</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="87"/>
        <source>Last change (UTC)</source>
        <translation>Modifié le (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="87"/>
        <source>Your next step</source>
        <translation>Votre prochaine étape</translation>
    </message>
    <message>
        <location filename="../../ui/dde/worklist_dialog.py" line="132"/>
        <source>({0} of 2 complete)</source>
        <translation>(complètes : {0}/2)</translation>
    </message>
</context>
<context>
    <name>FieldHistoryDialog</name>
    <message>
        <location filename="../../ui/dialogs/history.py" line="32"/>
        <source>Field history</source>
        <translation>Historique du champ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37"/>
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="37"/>
        <source>Old value</source>
        <translation>Ancienne valeur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="38"/>
        <source>New value</source>
        <translation>Nouvelle valeur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="38"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="56"/>
        <source>No change recorded for this field yet.</source>
        <translation>Aucune modification enregistrée pour ce champ.</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <location filename="../../ui/forms/row.py" line="167"/>
        <source>Missing data code</source>
        <translation>Code de donnée manquante</translation>
    </message>
    <message>
        <location filename="../../ui/forms/row.py" line="173"/>
        <source>Clear the missing data code</source>
        <translation>Effacer le code de donnée manquante</translation>
    </message>
    <message>
        <location filename="../../ui/forms/row.py" line="176"/>
        <source>Field history…</source>
        <translation>Historique du champ…</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="28"/>
        <source>vo-crf — first start</source>
        <translation>vo-crf — premier démarrage</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="33"/>
        <source>There is no study database at&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;What do you want to do?</source>
        <translation>Il n’y a pas de base d’étude à&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Que voulez-vous faire ?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="39"/>
        <source>Create the demo study (29 patients)</source>
        <translation>Créer l’étude de démonstration (29 patients)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="40"/>
        <source>Create an empty study</source>
        <translation>Créer une étude vide</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="41"/>
        <source>Open another database…</source>
        <translation>Ouvrir une autre base…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="56"/>
        <source>Administrator name:</source>
        <translation>Identifiant de l’administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="57"/>
        <source>Administrator password:</source>
        <translation>Mot de passe de l’administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="88"/>
        <source>Open a study database</source>
        <translation>Ouvrir une base d’étude</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="89"/>
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d’étude (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_start.py" line="94"/>
        <source>Give the administrator&apos;s name and password.</source>
        <translation>Indiquez l’identifiant et le mot de passe de l’administrateur.</translation>
    </message>
</context>
<context>
    <name>FormEditor</name>
    <message>
        <location filename="../../ui/forms/editor.py" line="1"/>
        <source>(new patient: created when a form is saved)</source>
        <translation>(nouveau patient : créé à l'enregistrement d'un formulaire)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="126"/>
        <source>Form status:</source>
        <translation>Statut du formulaire :</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="137"/>
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="140"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="142"/>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="145"/>
        <source>Save &amp;&amp; &amp;next form</source>
        <translation>Enregistrer et formulaire &amp;suivant</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="147"/>
        <source>Save and open the next form (Ctrl+Return)</source>
        <translation>Enregistrer et ouvrir le formulaire suivant (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="150"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="151"/>
        <source>Save and next form</source>
        <translation>Enregistrer et formulaire suivant</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="201"/>
        <source>Double entries adjudicated: these are the final values.</source>
        <translation>Double saisie arbitrée : ce sont les valeurs retenues.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="229"/>
        <source>Locked by {0} on {1}: read-only. An investigator can unlock it with a reason.</source>
        <translation>Verrouillé par {0} le {1} : lecture seule. Un investigateur peut le déverrouiller en donnant un motif.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="237"/>
        <source>Verified by {0}</source>
        <translation>Vérifié par {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="239"/>
        <source>Locked by {0}</source>
        <translation>Verrouillé par {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="335"/>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Non enregistré : corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="339"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="344"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="345"/>
        <source>Protocol deviation recorded: {0}</source>
        <translation>Déviation au protocole enregistrée : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="373"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="374"/>
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="403"/>
        <source>Restored unsaved changes from {0}. Check them and save.</source>
        <translation>Modifications non enregistrées du {0} restaurées. Vérifiez-les puis enregistrez.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/editor.py" line="406"/>
        <source>The form was saved by someone else since then.</source>
        <translation>Le formulaire a été enregistré par quelqu’un d’autre depuis.</translation>
    </message>
</context>
<context>
    <name>FormQueries</name>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="1"/>
        <source>query closed</source>
        <translation>requête clôturée</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="60"/>
        <source>query {0}</source>
        <translation>requête {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="66"/>
        <source>#{0} {1} · {2}: {3}</source>
        <translation>n° {0} {1} · {2} : {3}</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="85"/>
        <source>Raise query…</source>
        <translation>Émettre une requête…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="90"/>
        <source>Answer query{0}…</source>
        <translation>Répondre à la requête{0}…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="94"/>
        <source>Close query{0}…</source>
        <translation>Clôturer la requête{0}…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="97"/>
        <source>Re-open query{0}…</source>
        <translation>Rouvrir la requête{0}…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/form_marks.py" line="120"/>
        <source>No query action for your role here</source>
        <translation>Aucune action sur les requêtes permise à votre rôle ici</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../ui/dialogs/history.py" line="68"/>
        <source>Field history</source>
        <translation>Historique du champ</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="44"/>
        <source>Import {0}</source>
        <translation>Importer {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="54"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="54"/>
        <source>Saved</source>
        <translation>Enregistrés</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="55"/>
        <source>Added</source>
        <translation>Ajoutées</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="55"/>
        <source>Changed</source>
        <translation>Modifiées</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="56"/>
        <source>Erased</source>
        <translation>Effacées</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="63"/>
        <source>Blank cells erase stored values (REDCap&apos;s &quot;overwrite&quot;)</source>
        <translation>Les cellules vides effacent les valeurs enregistrées (« overwrite » de REDCap)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="66"/>
        <source>Ticked, a blank cell erases the stored value in the forms a row fills (a form the row leaves entirely blank is not touched). Unticked (REDCap&apos;s default), a blank cell leaves the stored value and form status alone.</source>
        <translation>Cochée, une cellule vide efface la valeur enregistrée dans les formulaires qu’une ligne remplit (un formulaire entièrement vide dans la ligne n’est pas touché). Décochée (par défaut, comme REDCap), une cellule vide laisse inchangés la valeur enregistrée et le statut du formulaire.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="80"/>
        <source>Reason for accepting them (required, kept in the audit trail of each value)</source>
        <translation>Motif pour les accepter (obligatoire, conservé dans la piste d’audit de chaque valeur)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="85"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="101"/>
        <source>Nothing has been written yet. The import would save {0} form(s), create {1} patient(s) and change {2} value(s):</source>
        <translation>Rien n’est encore écrit. L’import enregistrerait {0} formulaire(s), créerait {1} patient(s) et modifierait {2} valeur(s) :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="117"/>
        <source>{0} values are out of range. They are imported only with a reason:</source>
        <translation>{0} valeurs sont hors des bornes. Elles ne sont importées qu’avec un motif :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="121"/>
        <source>line {0}: {1}</source>
        <translation>ligne {0} : {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="123"/>
        <source>… and {0} more</source>
        <translation>… et {0} de plus</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="161"/>
        <source>Counting again…</source>
        <translation>Nouveau décompte…</translation>
    </message>
</context>
<context>
    <name>InstanceDialog</name>
    <message>
        <location filename="../../ui/patient/repeating.py" line="63"/>
        <source>Save &amp;&amp; &amp;close</source>
        <translation>Enregistrer et &amp;fermer</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="1"/>
        <source>missed</source>
        <translation>manquée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Incomplete</source>
        <translation>Incomplet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <location filename="../../ui/labels.py" line="23"/>
        <source>Unverified</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <location filename="../../ui/labels.py" line="24"/>
        <source>Complete</source>
        <translation>Complet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>No data</source>
        <translation>Aucune donnée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>done</source>
        <translation>faite</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>upcoming</source>
        <translation>à venir</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>due now</source>
        <translation>à faire</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>Investigator</source>
        <translation>Investigateur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>Research nurse</source>
        <translation>Infirmière de recherche</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>Statistician</source>
        <translation>Statisticien</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>Monitor</source>
        <translation>Moniteur</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="35"/>
        <source>vo-crf — log in</source>
        <translation>vo-crf — connexion</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="54"/>
        <source>&amp;User name:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="55"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="65"/>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="1"/>
        <source>New study from a REDCap project…</source>
        <translation>Nouvelle étude depuis un projet REDCap…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1"/>
        <source>Log &amp;out / switch user</source>
        <translation>Se &amp;déconnecter / changer d'utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1"/>
        <source>&amp;About vo-crf</source>
        <translation>À &amp;propos de vo-crf</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81"/>
        <source>Open or create another study database…</source>
        <translation>Ouvrir ou créer une autre base d’étude…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98"/>
        <source>&amp;Lock screen</source>
        <translation>&amp;Verrouiller l’écran</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>&amp;Patient</source>
        <translation>&amp;Patient</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>&amp;New patient…</source>
        <translation>&amp;Nouveau patient…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Record status &amp;dashboard</source>
        <translation>&amp;Tableau de bord des dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <source>&amp;Queries…</source>
        <translation>&amp;Requêtes…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>Double data entry &amp;worklist…</source>
        <translation>&amp;Doubles saisies à traiter…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>&amp;Admin</source>
        <translation>A&amp;dministration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>&amp;Users…</source>
        <translation>&amp;Utilisateurs…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Load protocol &amp;amendment…</source>
        <translation>Charger un &amp;amendement au protocole…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>&amp;Double data entry…</source>
        <translation>&amp;Double saisie…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>Tab / Shift+Tab: next / previous field
Radio buttons and check boxes: type the code or the first letter, arrows + Space
Delete in a choice field: clear it · Menu key: missing-data code, field history
Ctrl+Shift+Q on a field: raise, answer, close or re-open a query
Ctrl+S: save · Ctrl+Return: save and go to the next form · Ctrl+Shift+R: discard the changes (asks first)
Ctrl+PgDown / Ctrl+PgUp: next / previous form
Alt+Left or Ctrl+D: dashboard · Ctrl+N: new patient · Ctrl+F: search
Ctrl+Shift+D: data-quality findings (F5 in the list: run the checks again)
Ctrl+L: lock the screen</source>
        <translation>Tab / Maj+Tab : champ suivant / précédent
Boutons radio et cases à cocher : tapez le code ou la première lettre, flèches + Espace
Suppr dans un champ à choix : l’effacer · Touche Menu : code de donnée manquante, historique
Ctrl+Maj+Q sur un champ : émettre une requête, y répondre, la clôturer ou la rouvrir
Ctrl+S : enregistrer · Ctrl+Entrée : enregistrer et formulaire suivant · Ctrl+Maj+R : abandonner les modifications (avec confirmation)
Ctrl+PgSuiv / Ctrl+PgPréc : formulaire suivant / précédent
Alt+Gauche ou Ctrl+D : tableau de bord · Ctrl+N : nouveau patient · Ctrl+F : rechercher
Ctrl+Maj+D : anomalies de qualité des données (F5 dans la liste : relancer les contrôles)
Ctrl+L : verrouiller l’écran</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>The database was not restored: {0}</source>
        <translation>La base n&apos;a pas été restaurée : {0}</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <location filename="../../ui/patient/view.py" line="1"/>
        <source>new patient, created when a form is saved</source>
        <translation>nouveau patient, créé à l'enregistrement d'un formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="1"/>
        <source>Nothing is saved for this patient yet.</source>
        <translation>Rien n'est encore enregistré pour ce patient.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="54"/>
        <source>◀ Dashboard</source>
        <translation>◀ Tableau de bord</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="55"/>
        <source>Back to the record status dashboard (Alt+Left)</source>
        <translation>Retour au tableau de bord (Alt+Gauche)</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="99"/>
        <source>Patient timeline</source>
        <translation>Chronologie du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patient/view.py" line="132"/>
        <source>day 0</source>
        <translation>jour 0</translation>
    </message>
</context>
<context>
    <name>QualityController</name>
    <message>
        <location filename="../../ui/quality/controller.py" line="33"/>
        <source>Data q&amp;uality…</source>
        <translation>&amp;Qualité des données…</translation>
    </message>
    <message>
        <location filename="../../ui/quality/controller.py" line="83"/>
        <source>Checking data quality…</source>
        <translation>Contrôle de la qualité des données en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/quality/controller.py" line="101"/>
        <source>{0} data-quality finding(s) at {1}: click to list them (Ctrl+Shift+D)</source>
        <translation>{0} anomalie(s) de qualité des données à {1} : cliquez pour les lister (Ctrl+Maj+D)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/controller.py" line="110"/>
        <source>The data-quality checks failed: {0}</source>
        <translation>Les contrôles de qualité des données ont échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/quality/controller.py" line="146"/>
        <source>&amp;Data quality ({0})</source>
        <translation>&amp;Qualité des données ({0})</translation>
    </message>
</context>
<context>
    <name>QualityModel</name>
    <message>
        <location filename="../../ui/quality/model.py" line="31"/>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="31"/>
        <source>Record</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="32"/>
        <source>Event</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="32"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="33"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="33"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="34"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="72"/>
        <source>Reason: {0}</source>
        <translation>Motif : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/quality/model.py" line="75"/>
        <source>Rule: {0}</source>
        <translation>Règle : {0}</translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <location filename="../../ui/quality/panel.py" line="58"/>
        <location filename="../../ui/quality/panel.py" line="172"/>
        <source>Data quality</source>
        <translation>Qualité des données</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="94"/>
        <source>Filter: record, field, message…</source>
        <translation>Filtrer : patient, champ, message…</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="101"/>
        <source>All checks</source>
        <translation>Tous les contrôles</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="108"/>
        <source>Not run yet</source>
        <translation>Contrôles pas encore lancés</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="112"/>
        <source>&amp;Run checks</source>
        <translation>&amp;Lancer les contrôles</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="114"/>
        <source>Run every check on every patient again (F5)</source>
        <translation>Relancer tous les contrôles sur tous les patients (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="121"/>
        <source>Double-click or press Enter on a finding to open its form</source>
        <translation>Double-cliquez ou appuyez sur Entrée sur une anomalie pour ouvrir son formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="125"/>
        <location filename="../../ui/quality/panel.py" line="184"/>
        <source>Raise &amp;queries</source>
        <translation>Émettre des &amp;requêtes</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="127"/>
        <source>Open a query on the field of each selected finding (findings already queried are skipped)</source>
        <translation>Émettre une requête sur le champ de chaque anomalie sélectionnée (celles qui ont déjà une requête sont ignorées)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="133"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="146"/>
        <source>Checking…</source>
        <translation>Contrôle en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="148"/>
        <source>Checking data quality</source>
        <translation>Contrôle de la qualité des données</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="160"/>
        <source>{0} finding(s) · checked at {1}</source>
        <translation>{0} anomalie(s) · contrôle à {1}</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="171"/>
        <source>The checks failed</source>
        <translation>Les contrôles ont échoué</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="183"/>
        <source>Raise &amp;queries ({0})</source>
        <translation>Émettre des &amp;requêtes ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="201"/>
        <source>Raise queries</source>
        <translation>Émettre des requêtes</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="204"/>
        <source>{0} query(ies) opened</source>
        <translation>{0} requête(s) émise(s)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/panel.py" line="206"/>
        <source>{0} already open</source>
        <translation>{0} déjà ouverte(s)</translation>
    </message>
</context>
<context>
    <name>QueriesDialog</name>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="130"/>
        <source>Queries</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="162"/>
        <source>All sites</source>
        <translation>Tous les centres</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="167"/>
        <source>Not closed</source>
        <translation>Non clôturées</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="170"/>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="174"/>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="175"/>
        <source>any age</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="178"/>
        <source>Anyone</source>
        <translation>Tous les utilisateurs</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="181"/>
        <source>Site:</source>
        <translation>Centre :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="181"/>
        <source>Status:</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="182"/>
        <source>Open for at least:</source>
        <translation>Ouverte depuis au moins :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="183"/>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="199"/>
        <source>&amp;Open form</source>
        <translation>&amp;Ouvrir le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="200"/>
        <source>&amp;Answer…</source>
        <translation>Ré&amp;pondre…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="201"/>
        <source>&amp;Close query…</source>
        <translation>&amp;Clôturer la requête…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="202"/>
        <source>&amp;Re-open…</source>
        <translation>&amp;Rouvrir…</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="203"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="230"/>
        <source>{0} query(ies)</source>
        <translation>{0} requête(s)</translation>
    </message>
</context>
<context>
    <name>QueriesModel</name>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="66"/>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="66"/>
        <source>Site</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="66"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="66"/>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="67"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="67"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="67"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="67"/>
        <source>Query</source>
        <translation>Requête</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="68"/>
        <source>Latest answer</source>
        <translation>Dernière réponse</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="68"/>
        <source>Opened by</source>
        <translation>Ouverte par</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="68"/>
        <source>Age (days)</source>
        <translation>Âge (jours)</translation>
    </message>
    <message>
        <location filename="../../ui/queries/list_dialog.py" line="69"/>
        <source>Last step</source>
        <translation>Dernière action</translation>
    </message>
</context>
<context>
    <name>QueryDialogs</name>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="142"/>
        <source>blank</source>
        <translation>vide</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="143"/>
        <source>Raise a query on &lt;b&gt;{0}&lt;/b&gt; ({1}) of {2}; stored value: &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>Émettre une requête sur &lt;b&gt;{0}&lt;/b&gt; ({1}) du patient {2} ; valeur enregistrée : &lt;b&gt;{3}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="147"/>
        <location filename="../../ui/queries/dialogs.py" line="148"/>
        <source>Raise query</source>
        <translation>Émettre une requête</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="149"/>
        <source>What should be checked?</source>
        <translation>Que faut-il vérifier ?</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="150"/>
        <source>Suggested value (optional):</source>
        <translation>Valeur suggérée (facultatif) :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="160"/>
        <source>Corrected value (optional):</source>
        <translation>Valeur corrigée (facultatif) :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="162"/>
        <source>Answer query</source>
        <translation>Répondre à la requête</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="163"/>
        <source>Answer</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="164"/>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="168"/>
        <source>suggested: {0}</source>
        <translation>suggérée : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="187"/>
        <location filename="../../ui/queries/dialogs.py" line="188"/>
        <source>Close query</source>
        <translation>Clôturer la requête</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="189"/>
        <source>Closing note (optional)</source>
        <translation>Note de clôture (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="199"/>
        <source>Re-open query</source>
        <translation>Rouvrir la requête</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="200"/>
        <source>Re-open</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="201"/>
        <source>Why is it re-opened?</source>
        <translation>Pourquoi la rouvrir ?</translation>
    </message>
</context>
<context>
    <name>QueryLabels</name>
    <message>
        <location filename="../../ui/queries/labels.py" line="16"/>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="17"/>
        <location filename="../../ui/queries/labels.py" line="24"/>
        <source>answered</source>
        <translation>répondue</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="18"/>
        <location filename="../../ui/queries/labels.py" line="25"/>
        <source>closed</source>
        <translation>clôturée</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="23"/>
        <source>raised</source>
        <translation>émise</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="26"/>
        <source>re-opened</source>
        <translation>rouverte</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="32"/>
        <source>(value {0} → {1})</source>
        <translation>(valeur {0} → {1})</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="35"/>
        <source>(suggested: {0})</source>
        <translation>(suggérée : {0})</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="48"/>
        <source>{0} query(ies) not closed:</source>
        <translation>{0} requête(s) non clôturée(s) :</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="60"/>
        <source>… and {0} more</source>
        <translation>… et {0} autre(s)</translation>
    </message>
    <message>
        <location filename="../../ui/queries/labels.py" line="62"/>
        <source>Patient › Queries… lists them</source>
        <translation>Patient › Requêtes… les liste</translation>
    </message>
</context>
<context>
    <name>QueryStepDialog</name>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="69"/>
        <source>Required when the value is corrected</source>
        <translation>Obligatoire si la valeur est corrigée</translation>
    </message>
    <message>
        <location filename="../../ui/queries/dialogs.py" line="70"/>
        <source>Reason for the change:</source>
        <translation>Motif de la modification :</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="36"/>
        <source>Reason (required, kept in the audit trail)</source>
        <translation>Motif (obligatoire, conservé dans la piste d’audit)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason.py" line="44"/>
        <source>Password of {0}:</source>
        <translation>Mot de passe de {0} :</translation>
    </message>
</context>
<context>
    <name>RepeatingFormPage</name>
    <message>
        <location filename="../../ui/patient/repeating.py" line="105"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="111"/>
        <source>&amp;Add course</source>
        <translation>&amp;Ajouter un traitement</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="114"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="117"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="125"/>
        <source>Enter: edit · Insert: add · Delete: delete</source>
        <translation>Entrée : modifier · Inser : ajouter · Suppr : supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="198"/>
        <source>Delete {0} #{1}</source>
        <translation>Supprimer {0} n° {1}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="200"/>
        <source>The course and its values are deleted; the audit trail keeps them. Why delete it?</source>
        <translation>Le traitement et ses valeurs sont supprimés ; la piste d’audit les conserve. Pourquoi le supprimer ?</translation>
    </message>
    <message>
        <location filename="../../ui/patient/repeating.py" line="207"/>
        <source>Not deleted</source>
        <translation>Non supprimé</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../../ui/reports_menu.py" line="34"/>
        <source>&amp;Reports</source>
        <translation>&amp;Rapports</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="38"/>
        <source>Patient timeline (PDF)…</source>
        <translation>Chronologie du patient (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="39"/>
        <source>All patients&apos; timelines (PDF)…</source>
        <translation>Chronologies de tous les patients (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="41"/>
        <source>Excel workbook…</source>
        <translation>Classeur Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="42"/>
        <source>Excel workbook, de-identified…</source>
        <translation>Classeur Excel, anonymisé…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="45"/>
        <source>Export REDCap CSV…</source>
        <translation>Export CSV REDCap…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="46"/>
        <source>Export REDCap CSV, de-identified…</source>
        <translation>Export CSV REDCap, anonymisé…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="48"/>
        <source>Import REDCap CSV…</source>
        <translation>Import CSV REDCap…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="70"/>
        <location filename="../../ui/reports_menu.py" line="155"/>
        <source>Failed: {0}</source>
        <translation>Échec : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="77"/>
        <source>Open the file</source>
        <translation>Ouvrir le fichier</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="90"/>
        <location filename="../../ui/reports_menu.py" line="93"/>
        <location filename="../../ui/reports_menu.py" line="97"/>
        <source>Patient timeline</source>
        <translation>Chronologie du patient</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="91"/>
        <source>Open a patient first.</source>
        <translation>Ouvrez d’abord un patient.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="99"/>
        <source>The timeline of {0} was written.</source>
        <translation>La chronologie de {0} a été écrite.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="106"/>
        <location filename="../../ui/reports_menu.py" line="110"/>
        <source>All patients&apos; timelines</source>
        <translation>Chronologies de tous les patients</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="112"/>
        <source>The timelines were written.</source>
        <translation>Les chronologies ont été écrites.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="118"/>
        <location filename="../../ui/reports_menu.py" line="122"/>
        <source>Excel workbook</source>
        <translation>Classeur Excel</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="124"/>
        <source>Workbook written ({0} patients).</source>
        <translation>Classeur écrit ({0} patients).</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="131"/>
        <location filename="../../ui/reports_menu.py" line="134"/>
        <source>Export REDCap CSV</source>
        <translation>Export CSV REDCap</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="136"/>
        <source>{0} rows exported.</source>
        <translation>{0} lignes exportées.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="142"/>
        <location filename="../../ui/reports_menu.py" line="147"/>
        <source>Import REDCap CSV</source>
        <translation>Import CSV REDCap</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="151"/>
        <source>Imported: {0} forms saved, {1} new patients.</source>
        <translation>Importé : {0} formulaires enregistrés, {1} nouveaux patients.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_menu.py" line="193"/>
        <source>Out-of-range values accepted with your reason: {0}.</source>
        <translation>Valeurs hors des bornes acceptées avec votre motif : {0}.</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>Verified ✓</source>
        <translation>Vérifié ✓</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>Verified by {0}</source>
        <translation>Vérifié par {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>Mark the form as verified against the source</source>
        <translation>Marquer le formulaire comme vérifié par rapport au document source</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>This form has {0} query(ies) not closed. Verify it anyway?</source>
        <translation>Ce formulaire a {0} requête(s) non clôturée(s). Le vérifier quand même ?</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>The form was already verified: nothing changed</source>
        <translation>Le formulaire était déjà vérifié : rien n'a changé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>Patient locked: {0} form(s) newly locked</source>
        <translation>Patient verrouillé : {0} formulaire(s) verrouillé(s)</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="1"/>
        <source>Patient unlocked: {0} form(s) unlocked</source>
        <translation>Patient déverrouillé : {0} formulaire(s) déverrouillé(s)</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="38"/>
        <source>Verify form</source>
        <translation>Vérifier le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="39"/>
        <source>Lock form</source>
        <translation>Verrouiller le formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="40"/>
        <source>Sign form…</source>
        <translation>Signer le formulaire…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="41"/>
        <source>Unlock form…</source>
        <translation>Déverrouiller le formulaire…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="42"/>
        <source>Lock patient</source>
        <translation>Verrouiller le patient</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="43"/>
        <source>Sign patient…</source>
        <translation>Signer le patient…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="44"/>
        <source>Unlock patient…</source>
        <translation>Déverrouiller le patient…</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="58"/>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="69"/>
        <source>No form</source>
        <translation>Aucun formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="70"/>
        <source>Open a form first.</source>
        <translation>Ouvrez d’abord un formulaire.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="91"/>
        <source>Form verified</source>
        <translation>Formulaire vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="98"/>
        <source>Form locked</source>
        <translation>Formulaire verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="115"/>
        <source>Patient locked</source>
        <translation>Patient verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="126"/>
        <source>this form</source>
        <translation>ce formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="126"/>
        <source>every form of {0}</source>
        <translation>tous les formulaires de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="128"/>
        <source>Electronic signature</source>
        <translation>Signature électronique</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="129"/>
        <source>You are signing {0}. The forms are locked and your signature is kept in the audit trail. Re-enter your password to sign.</source>
        <translation>Vous signez {0}. Les formulaires sont verrouillés et votre signature est conservée dans la piste d’audit. Saisissez à nouveau votre mot de passe pour signer.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="132"/>
        <source>I have reviewed these data and confirm they are accurate.</source>
        <translation>J’ai relu ces données et j’atteste leur exactitude.</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="137"/>
        <source>Signed and locked</source>
        <translation>Signé et verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="140"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="140"/>
        <source>Why must these data be unlocked?</source>
        <translation>Pourquoi ces données doivent-elles être déverrouillées ?</translation>
    </message>
    <message>
        <location filename="../../ui/patient/review.py" line="144"/>
        <source>Unlocked</source>
        <translation>Déverrouillé</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <location filename="../../ui/forms/saving.py" line="1"/>
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/forms/saving.py" line="1"/>
        <source>Discard the changes to {0}? What you typed since the last save is lost.</source>
        <translation>Abandonner les modifications de {0} ? Ce qui a été saisi depuis le dernier enregistrement est perdu.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/saving.py" line="61"/>
        <source>Reason for change</source>
        <translation>Motif de la modification</translation>
    </message>
    <message>
        <location filename="../../ui/forms/saving.py" line="62"/>
        <source>This form is Complete or Verified. Why are you changing it? The reason is kept in the audit trail.</source>
        <translation>Ce formulaire est Complet ou Vérifié. Pourquoi le modifiez-vous ? Le motif est conservé dans la piste d’audit.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="1"/>
        <source>Pre-fill the login with the last user name</source>
        <translation>Pré-remplir la connexion avec le dernier identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="1"/>
        <source>Leave off on a computer shared by several users</source>
        <translation>À laisser désactivé sur un ordinateur partagé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="1"/>
        <source>Login:</source>
        <translation>Connexion :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="33"/>
        <source>Settings</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="41"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="45"/>
        <source>Study database:</source>
        <translation>Base de l’étude :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="48"/>
        <source>path or URL of the central database (sync)</source>
        <translation>chemin ou URL de la base centrale (synchronisation)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="49"/>
        <source>Central database:</source>
        <translation>Base centrale :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="52"/>
        <source>ISO: 2024-03-05</source>
        <translation>ISO : 2024-03-05</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="53"/>
        <source>Day/month/year: 05/03/2024</source>
        <translation>Jour/mois/année : 05/03/2024</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="55"/>
        <source>Date format:</source>
        <translation>Format de date :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="59"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="60"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="62"/>
        <source>Lock the screen after:</source>
        <translation>Verrouiller l’écran après :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="65"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="69"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="70"/>
        <source>Check data quality when the dashboard opens</source>
        <translation>Contrôler la qualité des données à l’ouverture du tableau de bord</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="72"/>
        <source>Runs the data-quality checks in the background and shows their count on the dashboard</source>
        <translation>Lance les contrôles de qualité des données en arrière-plan et affiche le nombre d’anomalies sur le tableau de bord</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="75"/>
        <source>Data quality:</source>
        <translation>Qualité des données :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="77"/>
        <source>The date format applies to forms opened from now on; the language applies at the next start.</source>
        <translation>Le format de date s’applique aux formulaires ouverts ensuite ; la langue au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="90"/>
        <source>Study database</source>
        <translation>Base de l’étude</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="91"/>
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d’étude (*.sqlite *.db)</translation>
    </message>
</context>
<context>
    <name>SyncConflictsDialog</name>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="44"/>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="170"/>
        <source>Sync conflicts</source>
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="48"/>
        <source>These values were changed here and at another site since the last synchronisation. Nothing was overwritten: the local value is kept until you choose which value to keep. Your choice and its reason are kept in the audit trail and reach the other sites at the next synchronisation.</source>
        <translation>Ces valeurs ont été modifiées ici et dans un autre centre depuis la dernière synchronisation. Rien n&apos;a été écrasé : la valeur locale est gardée jusqu&apos;à ce que vous choisissiez la valeur à conserver. Votre choix et son motif sont conservés dans la piste d&apos;audit et parviennent aux autres centres à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="54"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="54"/>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="54"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="54"/>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55"/>
        <source>Local value</source>
        <translation>Valeur locale</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="55"/>
        <source>Changed here by</source>
        <translation>Modifiée ici par</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="56"/>
        <source>Remote value</source>
        <translation>Valeur distante</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="56"/>
        <source>Changed there by</source>
        <translation>Modifiée là-bas par</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="63"/>
        <source>There are no open sync conflicts.</source>
        <translation>Il n&apos;y a aucun conflit de synchronisation ouvert.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="70"/>
        <source>Reason (required, kept in the audit trail), e.g. checked the source document</source>
        <translation>Motif (obligatoire, conservé dans la piste d&apos;audit), p. ex. vérifié sur le document source</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="73"/>
        <source>Keep &amp;local value</source>
        <translation>Garder la valeur &amp;locale</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="76"/>
        <source>Keep &amp;remote value</source>
        <translation>Garder la valeur &amp;distante</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="79"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="126"/>
        <source>Form status</source>
        <translation>Statut du formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="131"/>
        <source>(deleted)</source>
        <translation>(supprimée)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="133"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="147"/>
        <source>{0} at site {1}, {2}</source>
        <translation>{0} au centre {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_conflicts.py" line="148"/>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../ui/sync_menu.py" line="45"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="48"/>
        <source>&amp;Synchronise now…</source>
        <translation>&amp;Synchroniser maintenant…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="52"/>
        <source>Sync &amp;conflicts…</source>
        <translation>&amp;Conflits de synchronisation…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="64"/>
        <location filename="../../ui/sync_menu.py" line="78"/>
        <location filename="../../ui/sync_menu.py" line="109"/>
        <source>Synchronise</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="65"/>
        <source>Path or URL of the central database (it is kept in the settings):</source>
        <translation>Chemin ou URL de la base centrale (conservé dans les paramètres) :</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="79"/>
        <source>Backing up this database…</source>
        <translation>Sauvegarde de cette base…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="80"/>
        <source>Sending this site&apos;s changes…</source>
        <translation>Envoi des modifications de ce centre…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="81"/>
        <source>Receiving the other sites&apos; changes…</source>
        <translation>Réception des modifications des autres centres…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="82"/>
        <source>Finishing…</source>
        <translation>Finalisation…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="95"/>
        <source>The synchronisation failed: {0}</source>
        <translation>La synchronisation a échoué : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="102"/>
        <source>Site {0} synchronised.

Sent: {1} changed values ({2} audit rows).
Received: {3} changed values ({4} audit rows, {5} new patients).</source>
        <translation>Centre {0} synchronisé.

Envoyé : {1} valeurs modifiées ({2} lignes d&apos;audit).
Reçu : {3} valeurs modifiées ({4} lignes d&apos;audit, {5} nouveaux patients).</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="107"/>
        <source>{0} values changed meanwhile on the central database: synchronise again to receive them.</source>
        <translation>{0} valeurs ont changé entre-temps sur la base centrale : synchronisez à nouveau pour les recevoir.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="116"/>
        <source>{0} values were changed both here and at another site: nothing was overwritten. Choose which value to keep in Tools &gt; Sync conflicts.</source>
        <translation>{0} valeurs ont été modifiées ici et dans un autre centre : rien n&apos;a été écrasé. Choisissez la valeur à conserver dans Outils &gt; Conflits de synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_menu.py" line="120"/>
        <source>Show the conflicts…</source>
        <translation>Afficher les conflits…</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="89"/>
        <source>Days since diagnosis</source>
        <translation>Jours depuis le diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="108"/>
        <source>Antibiotics</source>
        <translation>Antibiotiques</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="121"/>
        <source>days {0}–{1}</source>
        <translation>jours {0}–{1}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="122"/>
        <source>from day {0}</source>
        <translation>depuis le jour {0}</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="175"/>
        <source>Intravenous</source>
        <translation>Intraveineux</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="175"/>
        <source>Oral</source>
        <translation>Oral</translation>
    </message>
</context>
<context>
    <name>TimelinePage</name>
    <message>
        <location filename="../../ui/patient/timeline.py" line="87"/>
        <source>Patient timeline</source>
        <translation>Chronologie du patient</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="94"/>
        <source>Site</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="94"/>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="95"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="95"/>
        <source>Organism</source>
        <translation>Germe</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="96"/>
        <source>Spinal segment</source>
        <translation>Segment rachidien</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="97"/>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="98"/>
        <source>Diagnosis</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="99"/>
        <source>Last follow-up</source>
        <translation>Dernier suivi</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="104"/>
        <source>Antibiotics and inflammation markers</source>
        <translation>Antibiotiques et marqueurs inflammatoires</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="109"/>
        <source>Clinical course</source>
        <translation>Évolution clinique</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="112"/>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="112"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="121"/>
        <source>Imaging findings by visit</source>
        <translation>Imagerie par visite</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="122"/>
        <source>Finding</source>
        <translation>Anomalie</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="149"/>
        <source>Outcome</source>
        <translation>Évolution finale</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="150"/>
        <source>Cured</source>
        <translation>Guéri</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="150"/>
        <source>Relapse</source>
        <translation>Rechute</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="151"/>
        <source>Sequelae</source>
        <translation>Séquelles</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="154"/>
        <source>Antibiotic days</source>
        <translation>Jours d’antibiotiques</translation>
    </message>
    <message>
        <location filename="../../ui/patient/timeline.py" line="156"/>
        <source>Follow-up (months)</source>
        <translation>Suivi (mois)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="108"/>
        <source>vo-crf — locked</source>
        <translation>vo-crf — verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="112"/>
        <source>The screen was locked after a period of inactivity. Your open form is kept. Enter the password of &lt;b&gt;{0}&lt;/b&gt; to continue.</source>
        <translation>L’écran a été verrouillé après une période d’inactivité. Le formulaire ouvert est conservé. Saisissez le mot de passe de &lt;b&gt;{0}&lt;/b&gt; pour continuer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="126"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="135"/>
        <source>Wrong password.</source>
        <translation>Mot de passe incorrect.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="1"/>
        <source>Too many wrong passwords: the account is locked for {0} more minute(s).</source>
        <translation>Trop de mots de passe erronés : le compte est verrouillé pendant encore {0} minute(s).</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/dialogs/users.py" line="69"/>
        <location filename="../../ui/dialogs/users.py" line="142"/>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="72"/>
        <source>User name</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="72"/>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="72"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="73"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="80"/>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="81"/>
        <location filename="../../ui/dialogs/users.py" line="136"/>
        <source>&amp;Deactivate</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="82"/>
        <source>&amp;Reset password…</source>
        <translation>&amp;Réinitialiser le mot de passe…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="83"/>
        <source>Change r&amp;ole…</source>
        <translation>Changer le r&amp;ôle…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="92"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="108"/>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="110"/>
        <source>Locked out until {0}</source>
        <translation>Bloqué jusqu’à {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="113"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="136"/>
        <source>Re&amp;activate</source>
        <translation>Ré&amp;activer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="169"/>
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="170"/>
        <source>New password for {0}:</source>
        <translation>Nouveau mot de passe de {0} :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="182"/>
        <source>Change role</source>
        <translation>Changer le rôle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users.py" line="183"/>
        <source>Role of {0}:</source>
        <translation>Rôle de {0} :</translation>
    </message>
</context>
<context>
    <name>FormFooter</name>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>Discard the changes since the last save, after asking (Ctrl+Shift+R)</source>
        <translation>Abandonner les modifications depuis le dernier enregistrement, après confirmation (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>Form status:</source>
        <translation>Statut du formulaire :</translation>
    </message>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>Save &amp;&amp; &amp;next form</source>
        <translation>Enregistrer et formulaire &amp;suivant</translation>
    </message>
    <message>
        <location filename="../../ui/forms/footer.py" line="1"/>
        <source>Save and open the next form (Ctrl+Return)</source>
        <translation>Enregistrer et ouvrir le formulaire suivant (Ctrl+Entrée)</translation>
    </message>
</context>
<context>
    <name>PasswordRule</name>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>at least {0} characters</source>
        <translation>au moins {0} caractères</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>The password must have at least {0} characters.</source>
        <translation>Le mot de passe doit comporter au moins {0} caractères.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>The password must not start or end with spaces.</source>
        <translation>Le mot de passe ne doit ni commencer ni finir par une espace.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>This password is one of the most common passwords: choose another one.</source>
        <translation>Ce mot de passe fait partie des plus courants : choisissez-en un autre.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>The password must not be the user name.</source>
        <translation>Le mot de passe ne doit pas être le nom d'utilisateur.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>The password must not be the study name.</source>
        <translation>Le mot de passe ne doit pas être le nom de l'étude.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/password_rule.py" line="1"/>
        <source>The password must not be one character or group repeated, nor a run like 12345678 or abcdefgh.</source>
        <translation>Le mot de passe ne doit pas répéter un caractère ou un groupe, ni être une suite comme 12345678 ou abcdefgh.</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>About vo-crf</source>
        <translation>À propos de vo-crf</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Database:</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Study:</source>
        <translation>Étude :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Study definition version:</source>
        <translation>Version de la définition de l'étude :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Running on:</source>
        <translation>Environnement :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Bundled parts and their licences:</source>
        <translation>Composants inclus et leurs licences :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Part</source>
        <translation>Composant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="1"/>
        <source>Qt and PySide6 are used under the LGPL version 3: you may replace them with your own build.</source>
        <translation>Qt et PySide6 sont utilisés sous la licence LGPL version 3 : vous pouvez les remplacer par votre propre compilation.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Invalid value</source>
        <translation>Valeur invalide</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} is not Complete: only Complete forms can be verified</source>
        <translation>{form} n'est pas Complet : seuls les formulaires Complets peuvent être vérifiés</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} of {record} is already verified by {user}</source>
        <translation>{form} de {record} est déjà vérifié par {user}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} of {record} is already verified by {user} on {when}</source>
        <translation>{form} de {record} est déjà vérifié par {user} le {when}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} of {record} is already locked by {user}</source>
        <translation>{form} de {record} est déjà verrouillé par {user}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} of {record} is already locked by {user} on {when}</source>
        <translation>{form} de {record} est déjà verrouillé par {user} le {when}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} of {record} is not locked</source>
        <translation>{form} de {record} n'est pas verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>unlocking needs a reason</source>
        <translation>le déverrouillage demande un motif</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>locking the whole database needs a reason</source>
        <translation>verrouiller toute la base demande un motif</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>e-signature refused: the password is wrong</source>
        <translation>signature électronique refusée : le mot de passe est faux</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {count} characters, at most {limit} allowed (@CHARLIMIT)</source>
        <translation>{field} : {count} caractères, {limit} au plus (@CHARLIMIT)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {count} options checked, at most {limit} allowed (@MAXCHECKED)</source>
        <translation>{field} : {count} options cochées, {limit} au plus (@MAXCHECKED)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {none} cannot be checked with other options (@NONEOFTHEABOVE)</source>
        <translation>{field} : {none} ne peut pas être coché avec d&apos;autres options (@NONEOFTHEABOVE)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is read-only (@READONLY): its value {value} cannot be entered or changed</source>
        <translation>{field} est en lecture seule (@READONLY) : sa valeur {value} ne peut être ni saisie ni modifiée</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not {phrase}</source>
        <translation>{field} : {value} n'est pas {phrase}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not a whole number from {low} to {high}</source>
        <translation>{field} : {value} n'est pas un nombre entier de {low} à {high}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: contains the control character {char} at position {position}; only tabs and line breaks are allowed</source>
        <translation>{field} : contient le caractère de contrôle {char} à la position {position} ; seuls les tabulations et sauts de ligne sont admis</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{form} at {event}</source>
        <translation>{form} à {event}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not one of the choices ({allowed})</source>
        <translation>{field} : {value} n'est pas un des choix ({allowed})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: option(s) {codes} not in the choice list</source>
        <translation>{field} : option(s) {codes} absente(s) de la liste des choix</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not a whole number</source>
        <translation>{field} : {value} n'est pas un nombre entier</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not a number (use a point as decimal separator, e.g. 38.5)</source>
        <translation>{field} : {value} n'est pas un nombre (séparateur décimal : point ou virgule, p. ex. 38,5)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not a valid date (YYYY-MM-DD)</source>
        <translation>{field} : {value} n'est pas une date valide (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not a valid date and time (YYYY-MM-DD HH:MM)</source>
        <translation>{field} : {value} n'est pas une date et heure valide (AAAA-MM-JJ HH:MM)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not an e-mail address</source>
        <translation>{field} : {value} n'est pas une adresse e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is below the minimum {bound}</source>
        <translation>{field} : {value} est en dessous du minimum {bound}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is above the maximum {bound}</source>
        <translation>{field} : {value} est au-dessus du maximum {bound}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is below the minimum today ({bound})</source>
        <translation>{field} : {value} est en dessous du minimum aujourd'hui ({bound})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is above the maximum today ({bound})</source>
        <translation>{field} : {value} est au-dessus du maximum aujourd'hui ({bound})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is required: enter a value or a missing-data code</source>
        <translation>{field} est obligatoire : saisissez une valeur ou un code de donnée manquante</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is required: enter a value or a missing-data code before marking the form Complete</source>
        <translation>{field} est obligatoire : saisissez une valeur ou un code de donnée manquante avant de marquer le formulaire Complet</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is hidden by its branching logic ({logic}): its value {value} will be cleared</source>
        <translation>{field} est masqué par sa logique de branchement ({logic}) : sa valeur {value} sera effacée</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is not calculated: {why}</source>
        <translation>{field} n'est pas calculé : {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{later} ({later_value}) must not precede {earlier} ({earlier_value})</source>
        <translation>{later} ({later_value}) ne doit pas précéder {earlier} ({earlier_value})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} {value} is day {day} after diagnosis, outside the {event} window (day {first} to {last}): a protocol deviation</source>
        <translation>{field} {value} est au jour {day} après le diagnostic, hors de la fenêtre {event} (jour {first} à {last}) : une déviation au protocole</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} {value} is before the {earlier_event} visit ({earlier_value}): day {day} after diagnosis, outside the {event} window (day {first} to {last}): a protocol deviation</source>
        <translation>{field} {value} est avant la visite {earlier_event} ({earlier_value}) : jour {day} après le diagnostic, hors de la fenêtre {event} (jour {first} à {last}) : une déviation au protocole</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{later} ({later_value}) is before {earlier} ({earlier_value}): impossible{because} {rule}</source>
        <translation>{later} ({later_value}) est avant {earlier} ({earlier_value}) : impossible{because} {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} = {value} is impossible: it must be between {low} and {high}{because} {rule}</source>
        <translation>{field} = {value} est impossible : la valeur doit être entre {low} et {high}{because} {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} = {value} is impossible: it must be at least {low}{because} {rule}</source>
        <translation>{field} = {value} est impossible : la valeur doit être au moins {low}{because} {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} = {value} is impossible: it must be at most {high}{because} {rule}</source>
        <translation>{field} = {value} est impossible : la valeur doit être au plus {high}{because} {rule}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Missing required value</source>
        <translation>Valeur obligatoire manquante</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Out of range</source>
        <translation>Hors limites</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Visit outside window</source>
        <translation>Visite hors fenêtre</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Visits out of order</source>
        <translation>Visites dans le désordre</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Dates out of order</source>
        <translation>Dates dans le désordre</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Calculation not computed</source>
        <translation>Calcul non effectué</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Study rule</source>
        <translation>Règle de l'étude</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>Impossible value</source>
        <translation>Valeur impossible</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} has a two-digit year: type the year in full, e.g. 05/03/2024 or 2024-03-05</source>
        <translation>{field} : {value} a une année à deux chiffres : saisissez l'année complète, p. ex. 05/03/2024 ou 2024-03-05</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: {value} is not a date: type {format} (or YYYY-MM-DD; t = today)</source>
        <translation>{field} : {value} n'est pas une date : saisissez {format} (ou AAAA-MM-JJ ; t = aujourd'hui)</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <location filename="../../ui/forms/dates.py" line="1"/>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/forms/dates.py" line="1"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
</context>
<context>
    <name>RestoreTexts</name>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>Backup {backup}, made {taken} UTC; its last recorded change: {last} UTC.</source>
        <translation>Sauvegarde {backup}, faite le {taken} UTC ; sa dernière modification enregistrée : {last} UTC.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>The current database cannot be read (damaged): what it holds since the backup is unknown; it is kept in the backups folder.</source>
        <translation>La base actuelle est illisible (endommagée) : on ne sait pas ce qu'elle contient depuis la sauvegarde ; elle est conservée dans le dossier des sauvegardes.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>Removed by the restore: {changes} change(s) recorded since the backup ({values} value change(s) on {records} patient(s)).</source>
        <translation>Supprimé par la restauration : {changes} modification(s) enregistrée(s) depuis la sauvegarde ({values} modification(s) de valeurs sur {records} patient(s)).</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>Nothing was recorded in the database since the backup.</source>
        <translation>Rien n'a été enregistré dans la base depuis la sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>Users added since the backup (removed by the restore): {users}.</source>
        <translation>Utilisateurs ajoutés depuis la sauvegarde (supprimés par la restauration) : {users}.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>Users of the backup no longer in the database (they come back): {users}.</source>
        <translation>Utilisateurs de la sauvegarde qui ne sont plus dans la base (ils reviennent) : {users}.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>The study database was restored from the backup {backup} (made {taken} UTC).</source>
        <translation>La base de l'étude a été restaurée à partir de la sauvegarde {backup} (faite le {taken} UTC).</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>{changes} change(s) recorded since that backup were removed ({values} value change(s) on {records} patient(s)).</source>
        <translation>{changes} modification(s) enregistrée(s) depuis cette sauvegarde ont été supprimées ({values} modification(s) de valeurs sur {records} patient(s)).</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>Users removed: {users}.</source>
        <translation>Utilisateurs supprimés : {users}.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>The replaced database is kept as {file} in the backups folder.</source>
        <translation>La base remplacée est conservée sous le nom {file} dans le dossier des sauvegardes.</translation>
    </message>
    <message>
        <location filename="../../ui/restore_texts.py" line="1"/>
        <source>The study opens again: log in again.</source>
        <translation>L'étude se rouvre : reconnectez-vous.</translation>
    </message>
</context>
<context>
    <name>AmendmentChanges</name>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>field {field} removed (was on form {form})</source>
        <translation>champ {field} supprimé (était sur le formulaire {form})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>field {field} ({kind}) added to form {form}: {label}</source>
        <translation>champ {field} ({kind}) ajouté au formulaire {form} : {label}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>field {field} ({kind}, range [{low}, {high}]) added to form {form}: {label}</source>
        <translation>champ {field} ({kind}, plage [{low}, {high}]) ajouté au formulaire {form} : {label}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>field {field} ({kind}, unit {unit}) added to form {form}: {label}</source>
        <translation>champ {field} ({kind}, unité {unit}) ajouté au formulaire {form} : {label}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>field {field} ({kind}, range [{low}, {high}], unit {unit}) added to form {form}: {label}</source>
        <translation>champ {field} ({kind}, plage [{low}, {high}], unité {unit}) ajouté au formulaire {form} : {label}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: moved from form {old} to form {new}</source>
        <translation>{field} : déplacé du formulaire {old} au formulaire {new}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: type {old} -&gt; {new}</source>
        <translation>{field} : type {old} -&gt; {new}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: label {old} -&gt; {new}</source>
        <translation>{field} : libellé {old} -&gt; {new}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: branching logic {old} -&gt; {new}</source>
        <translation>{field} : logique de branchement {old} -&gt; {new}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: calculation {old} -&gt; {new}</source>
        <translation>{field} : calcul {old} -&gt; {new}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: now required</source>
        <translation>{field} : désormais obligatoire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: no longer required</source>
        <translation>{field} : n'est plus obligatoire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: range [{old_low}, {old_high}] -&gt; [{low}, {high}]</source>
        <translation>{field} : plage [{old_low}, {old_high}] -&gt; [{low}, {high}]</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: now an identifier</source>
        <translation>{field} : désormais un identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: no longer an identifier</source>
        <translation>{field} : n'est plus un identifiant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: choice {code} label {old} -&gt; {new}</source>
        <translation>{field} : libellé du choix {code} {old} -&gt; {new}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: choice {label} recoded {code} -&gt; {new_code}</source>
        <translation>{field} : choix {label} recodé {code} -&gt; {new_code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: choice {code} ({label}) removed</source>
        <translation>{field} : choix {code} ({label}) supprimé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>{field}: choice {code} ({label}) added</source>
        <translation>{field} : choix {code} ({label}) ajouté</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>form {form} ({label}) removed</source>
        <translation>formulaire {form} ({label}) supprimé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>form {form} ({label}) added</source>
        <translation>formulaire {form} ({label}) ajouté</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>event {event} ({label}) removed</source>
        <translation>visite {event} ({label}) supprimée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>event {event}: {old} day {old_day} -{old_before}/+{old_after} -&gt; {new} day {day} -{before}/+{after}</source>
        <translation>visite {event} : {old} jour {old_day} -{old_before}/+{old_after} -&gt; {new} jour {day} -{before}/+{after}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>form {form} no longer collected at event {event}</source>
        <translation>formulaire {form} plus recueilli à la visite {event}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>form {form} now collected at event {event}</source>
        <translation>formulaire {form} désormais recueilli à la visite {event}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>event {event} ({label}) added, forms: {forms}</source>
        <translation>visite {event} ({label}) ajoutée, formulaires : {forms}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>event {event} ({label}) added, no forms</source>
        <translation>visite {event} ({label}) ajoutée, sans formulaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>form {form} no longer repeats at event {event}</source>
        <translation>formulaire {form} ne se répète plus à la visite {event}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>form {form} now repeats at event {event}</source>
        <translation>formulaire {form} se répète désormais à la visite {event}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/amendment_labels.py" line="1"/>
        <source>project.json {setting}: {old} -&gt; {new}</source>
        <translation>project.json {setting} : {old} -&gt; {new}</translation>
    </message>
</context>
<context>
    <name>NewFromRedcapDialog</name>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Creating the study from the REDCap project…</source>
        <translation>Création de l&apos;étude depuis le projet REDCap…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>The study could not be created: {0}</source>
        <translation>L&apos;étude n&apos;a pas pu être créée : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>New study from a REDCap project</source>
        <translation>Nouvelle étude depuis un projet REDCap</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>In REDCap: Project Setup → Other Functionality → Download project XML (metadata &amp; data), or the API&apos;s Export Project XML. The definition, events, arms, repeating instruments, missing-data codes, data access groups and the data come over; what only a REDCap server can do is listed afterwards.</source>
        <translation>Dans REDCap : Project Setup → Other Functionality → Download project XML (metadata &amp; data), ou l&apos;export Project XML de l&apos;API. La définition, les événements, les bras, les formulaires répétés, les codes de données manquantes, les groupes d&apos;accès et les données sont repris ; ce que seul un serveur REDCap sait faire est listé ensuite.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>REDCap project XML:</source>
        <translation>XML du projet REDCap :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>New study database:</source>
        <translation>Nouvelle base de l&apos;étude :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Administrator name:</source>
        <translation>Nom de l&apos;administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Administrator password:</source>
        <translation>Mot de passe de l&apos;administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Create the study</source>
        <translation>Créer l&apos;étude</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>REDCap project XML</source>
        <translation>XML du projet REDCap</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>REDCap project XML (*.xml)</source>
        <translation>XML du projet REDCap (*.xml)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>New study database</source>
        <translation>Nouvelle base de l&apos;étude</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Study database (*.sqlite *.db)</source>
        <translation>Base d&apos;étude (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Choose the REDCap project XML file.</source>
        <translation>Choisissez le fichier XML du projet REDCap.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Choose a new study database file (one that does not exist yet).</source>
        <translation>Choisissez un nouveau fichier de base d&apos;étude (qui n&apos;existe pas encore).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>Study created</source>
        <translation>Étude créée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/new_from_redcap.py" line="1"/>
        <source>The study {0} was created in {1}.</source>
        <translation>L&apos;étude {0} a été créée dans {1}.</translation>
    </message>
</context>
<!-- attach (issue 13): file and signature fields -->
<context>
    <name>FileFieldEditor</name>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>Attached file of {0}</source>
        <translation>Fichier joint de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>Attach…</source>
        <translation>Joindre…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>a document</source>
        <translation>un document</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>{0} (imported without the file itself)</source>
        <translation>{0} (importé sans le fichier lui-même)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>No file attached</source>
        <translation>Aucun fichier joint</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>Attach a file to {0}</source>
        <translation>Joindre un fichier à {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="1"/>
        <source>The file is not stored in this database.</source>
        <translation>Le fichier n'est pas enregistré dans cette base.</translation>
    </message>
</context>
<!-- attach (issue 13): file and signature fields -->
<context>
    <name>SignatureFieldEditor</name>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Attached file of {0}</source>
        <translation>Fichier joint de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Attach…</source>
        <translation>Joindre…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>a document</source>
        <translation>un document</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>{0} (imported without the file itself)</source>
        <translation>{0} (importé sans le fichier lui-même)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>No file attached</source>
        <translation>Aucun fichier joint</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Attach a file to {0}</source>
        <translation>Joindre un fichier à {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>The file is not stored in this database.</source>
        <translation>Le fichier n'est pas enregistré dans cette base.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Signature pad of {0}</source>
        <translation>Zone de signature de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Use signature</source>
        <translation>Utiliser la signature</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Clear pad</source>
        <translation>Effacer la zone</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="1"/>
        <source>Sign on the pad first (drag the mouse or the pen).</source>
        <translation>Signez d'abord dans la zone (faites glisser la souris ou le stylet).</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>Dates in the file:</source>
        <translation>Dates du fichier :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>YYYY-MM-DD (REDCap's default)</source>
        <translation>AAAA-MM-JJ (défaut de REDCap)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>MM/DD/YYYY</source>
        <translation>MM/JJ/AAAA</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>Keep values failing their validation, with this reason (optional)</source>
        <translation>Garder les valeurs qui échouent à leur validation, pour ce motif (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>Data a REDCap server holds although it fails its field's validation (added after the data) is kept as typed, with this reason in its audit trail, and listed by the data-quality checks.</source>
        <translation>Les données qu'un serveur REDCap contient bien qu'elles échouent à la validation de leur champ (ajoutée après les données) sont gardées telles quelles, avec ce motif dans leur piste d'audit, et listées par les contrôles de qualité.</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../../ui/reports_menu.py" line="1"/>
        <source>Values kept although invalid (listed by the data-quality checks): {0}.</source>
        <translation>Valeurs gardées bien qu'invalides (listées par les contrôles de qualité) : {0}.</translation>
    </message>
</context>
<!-- privacy: admin login before restoring a damaged database -->
<context>
    <name>RestoreLoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/restore_login.py" line="1"/>
        <source>Restore the latest backup</source>
        <translation>Restaurer la dernière sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_login.py" line="1"/>
        <source>Only an administrator of this study may restore a backup. Log in as an administrator to restore:</source>
        <translation>Seul un administrateur de cette étude peut restaurer une sauvegarde. Connectez-vous en tant qu'administrateur pour restaurer :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_login.py" line="1"/>
        <source>&amp;Administrator:</source>
        <translation>&amp;Administrateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_login.py" line="1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_login.py" line="1"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_login.py" line="1"/>
        <source>{0} is not an administrator: only an administrator may restore a backup.</source>
        <translation>{0} n'est pas administrateur : seul un administrateur peut restaurer une sauvegarde.</translation>
    </message>
</context>
<!-- /privacy -->
<!-- redcapxml (issue 13): site moves and survey data in the import summary -->
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>Not carried: {0}</source>
        <translation>Non repris : {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="1"/>
        <source>{0} patient(s) would move to another site (data access group).</source>
        <translation>{0} patient(s) changerai(en)t de site (groupe d'accès aux données).</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../../ui/reports_menu.py" line="1"/>
        <source>Patients moved to another site: {0}.</source>
        <translation>Patients changés de site : {0}.</translation>
    </message>
</context>
<!-- /redcapxml -->
<!-- polish: the data-quality findings -->
<context>
    <name>CoreMessages</name>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is required</source>
        <translation>{field} est obligatoire</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field}: study day {day} is outside the {event} window (days {low} to {high})</source>
        <translation>{field} : le jour d'étude {day} est hors de la fenêtre {event} (jours {low} à {high})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} {value} ({event}) is before the {earlier_event} visit ({earlier_value})</source>
        <translation>{field} {value} ({event}) est antérieur à la visite {earlier_event} ({earlier_value})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} cannot be computed: {problem}</source>
        <translation>{field} ne peut pas être calculé : {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is left blank: {why}</source>
        <translation>{field} est laissé vide : {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} is blank although it computes to {value}: save the form again to recalculate it</source>
        <translation>{field} est vide alors que le calcul donne {value} : enregistrez à nouveau le formulaire pour le recalculer</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1"/>
        <source>{field} cannot be computed from the values entered ({entered})</source>
        <translation>{field} ne peut pas être calculé à partir des valeurs saisies ({entered})</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <location filename="../../ui/patient/timeline_chart.py" line="1"/>
        <source>Days since {0} visit</source>
        <translation>Jours depuis la visite {0}</translation>
    </message>
</context>
<!-- /polish -->
<!-- fresheyes: texts missing from the French (found by lupdate over ui/) -->
<context>
    <name>AmendmentDialog</name>
    <message>
        <source>Definition version {0} → {1} of {2}: {3} change(s), {4} touching stored data, {5} switching off or weakening a safeguard.</source>
        <translation>Définition de {2}, version {0} → {1} : {3} modification(s), dont {4} touchant des données enregistrées et {5} désactivant ou affaiblissant une garantie.</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Switches off or weakens a safeguard: decide below</source>
        <translation>Désactive ou affaiblit une garantie : décidez ci-dessous</translation>
    </message>
    <message>
        <source>These changes need a decision. For a change that would orphan or reinterpret stored data, choose what happens to the stored values (deletions are kept in the audit trail); a change that switches off or weakens a safeguard (double data entry, a rule or check) applies only once you accept it.</source>
        <translation>Ces modifications demandent une décision. Pour une modification qui rendrait orphelines ou réinterpréterait des données enregistrées, choisissez ce que deviennent les valeurs enregistrées (les suppressions restent dans la piste d’audit) ; une modification qui désactive ou affaiblit une garantie (double saisie, règle ou contrôle) ne s’applique qu’une fois acceptée.</translation>
    </message>
    <message>
        <source> An amendment prepared from the shipped files undoes the settings changed in the application: to keep them, start from the definition in force, written by &apos;vo-crf amend --export-current DIR&apos;.</source>
        <translation> Un amendement préparé à partir des fichiers livrés annule les paramètres modifiés dans l’application : pour les garder, partez de la définition en vigueur, écrite par « vo-crf amend --export-current DOSSIER ».</translation>
    </message>
    <message>
        <source>{0} (safeguard)</source>
        <translation>{0} (garantie)</translation>
    </message>
    <message>
        <source>Accept this change ({0})</source>
        <translation>Accepter cette modification ({0})</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>This backup cannot be restored: {0}</source>
        <translation>Cette sauvegarde ne peut pas être restaurée : {0}</translation>
    </message>
</context>
<context>
    <name>DatabaseFailure</name>
    <message>
        <source>The study database cannot be used</source>
        <translation>La base de l’étude est inutilisable</translation>
    </message>
    <message>
        <source>Nothing more can be saved in this session: vo-crf closes the study now. Values you typed and did not save are kept and offered again at the next start.

Start vo-crf again: it checks the database and offers to restore the latest backup if it is damaged. Tell your data manager what happened.</source>
        <translation>Plus rien ne peut être enregistré dans cette session : vo-crf ferme l’étude maintenant. Les valeurs saisies et non enregistrées sont conservées et proposées de nouveau au prochain démarrage.

Relancez vo-crf : il vérifie la base et propose de restaurer la dernière sauvegarde si elle est endommagée. Prévenez votre data manager de ce qui s’est passé.</translation>
    </message>
    <message>
        <source>Close the study</source>
        <translation>Fermer l’étude</translation>
    </message>
    <message>
        <source>The study database is not available</source>
        <translation>La base de l’étude n’est pas disponible</translation>
    </message>
    <message>
        <source>The form keeps what you typed: save again in a moment.</source>
        <translation>Le formulaire garde ce que vous avez saisi : enregistrez de nouveau dans un instant.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>{0} file</source>
        <translation>Fichier {0}</translation>
    </message>
</context>
<context>
    <name>FormEditor</name>
    <message>
        <source>E-signature: {0}.</source>
        <translation>Signature électronique : {0}.</translation>
    </message>
    <message>
        <source>Not saved: the study database failed.</source>
        <translation>Non enregistré : la base de l’étude a échoué.</translation>
    </message>
    <message>
        <source>Reload shows the form as it is now stored; your unsaved values are then dropped. Keep my values leaves them in the form (note them first).</source>
        <translation>Recharger affiche le formulaire tel qu’il est enregistré maintenant ; vos valeurs non enregistrées sont alors abandonnées. Garder mes valeurs les laisse dans le formulaire (notez-les d’abord).</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Keep my values</source>
        <translation>Garder mes valeurs</translation>
    </message>
    <message>
        <source>Reloaded: the form as it is stored now.</source>
        <translation>Rechargé : le formulaire tel qu’il est enregistré maintenant.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Locked and e-signed</source>
        <translation>Verrouillé et signé électroniquement</translation>
    </message>
    <message>
        <source>signed by {0} on {1}</source>
        <translation>signé par {0} le {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Locked

Type your password in the unlock window to continue.</source>
        <translation>Verrouillé

Saisissez votre mot de passe dans la fenêtre de déverrouillage pour continuer.</translation>
    </message>
    <message>
        <source>The unsaved values could not be kept as a draft: {0}</source>
        <translation>Les valeurs non enregistrées n’ont pas pu être gardées comme brouillon : {0}</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <source>Study figures (PDF)…</source>
        <translation>Figures de l’étude (PDF)…</translation>
    </message>
    <message>
        <source>Study figures</source>
        <translation>Figures de l’étude</translation>
    </message>
    <message>
        <source>The study figures were written.</source>
        <translation>Les figures de l’étude ont été écrites.</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>Signed {0} form(s) as {1}; {2} newly locked</source>
        <translation>{0} formulaire(s) signé(s) en tant que {1} ; {2} nouvellement verrouillé(s)</translation>
    </message>
</context>
<context>
    <name>SyncConflictsDialog</name>
    <message>
        <source>(locked by {0}: the local edit was not taken)</source>
        <translation>(verrouillé par {0} : la modification locale n’a pas été prise)</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>Lock, verification and e-signature marks: {0} sent, {1} received.</source>
        <translation>Marques de verrouillage, de vérification et de signature électronique : {0} envoyée(s), {1} reçue(s).</translation>
    </message>
    <message>
        <source>{0} values were NOT taken by the central database: their form is locked there (see the conflicts).</source>
        <translation>{0} valeur(s) n’ont PAS été prises par la base centrale : leur formulaire y est verrouillé (voir les conflits).</translation>
    </message>
    <message>
        <source>Warning: {0}. This site sent everything the central database lacked and received everything again.</source>
        <translation>Attention : {0}. Ce centre a envoyé tout ce qui manquait à la base centrale et a tout reçu de nouveau.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>The password could not be checked: {0}</source>
        <translation>Le mot de passe n’a pas pu être vérifié : {0}</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>No patient matches the filters. Clear the search or choose “All sites” and “Any status”.</source>
        <translation>Aucun patient ne correspond aux filtres. Effacez la recherche ou choisissez « Tous les centres » et « Tous les statuts ».</translation>
    </message>
    <message>
        <source>Search: “{0}”.</source>
        <translation>Recherche : « {0} ».</translation>
    </message>
    <message>
        <source>No patient yet. Enrol the first one with New patient (Ctrl+N): it proposes the study number and opens the enrolment form.</source>
        <translation>Aucun patient pour l’instant. Incluez le premier avec Nouveau patient (Ctrl+N) : il propose le numéro d’étude et ouvre le formulaire d’inclusion.</translation>
    </message>
    <message>
        <source>No patient yet: the list fills as patients are enrolled.</source>
        <translation>Aucun patient pour l’instant : la liste se remplit au fil des inclusions.</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <source>{0} was saved by {1} after you opened it: nothing was overwritten.</source>
        <translation>{0} a été enregistré par {1} après que vous l’avez ouvert : rien n’a été écrasé.</translation>
    </message>
    <message>
        <source>{0} was saved by someone else after you opened it: nothing was overwritten.</source>
        <translation>{0} a été enregistré par quelqu’un d’autre après que vous l’avez ouvert : rien n’a été écrasé.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Re&amp;view</source>
        <translation>Re&amp;vue</translation>
    </message>
</context>
<context>
    <name>FormMenu</name>
    <message>
        <source>F&amp;orm</source>
        <translation>For&amp;mulaire</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save and &amp;next form</source>
        <translation>Enregistrer et formulaire &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Discard changes…</source>
        <translation>&amp;Abandonner les modifications…</translation>
    </message>
    <message>
        <source>Ne&amp;xt form</source>
        <translation>Formulaire sui&amp;vant</translation>
    </message>
    <message>
        <source>&amp;Previous form</source>
        <translation>Formulaire &amp;précédent</translation>
    </message>
    <message>
        <source>&amp;Read again from the database</source>
        <translation>&amp;Relire depuis la base</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>{0} byte</source>
        <translation>{0} octet</translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation>{0} octets</translation>
    </message>
    <message>
        <source>{0} kB</source>
        <translation>{0} ko</translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0} Mo</translation>
    </message>
</context>
<context>
    <name>FileFieldEditor</name>
    <message>
        <source>{0} ({1}, {2})</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
</context>
<!-- /fresheyes -->
<!-- guiexports -->
<context>
    <name>ReportsMenu</name>
    <message>
        <source>Export data (SPSS, Stata, R, SAS, ODM, CSV…)…</source>
        <translation>Exporter les données (SPSS, Stata, R, SAS, ODM, CSV…)…</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Exporter les données</translation>
    </message>
    <message>
        <source>Export written ({0}).</source>
        <translation>Export écrit ({0}).</translation>
    </message>
    <message>
        <source>Import REDCap CSV or ODM…</source>
        <translation>Importer un CSV REDCap ou un ODM…</translation>
    </message>
    <message>
        <source>Import REDCap CSV or ODM</source>
        <translation>Importer un CSV REDCap ou un ODM</translation>
    </message>
    <message>
        <source>REDCap CSV or CDISC ODM (*.csv *.xml);;REDCap CSV (*.csv);;CDISC ODM (*.xml)</source>
        <translation>CSV REDCap ou CDISC ODM (*.csv *.xml);;CSV REDCap (*.csv);;CDISC ODM (*.xml)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export data</source>
        <translation>Exporter les données</translation>
    </message>
    <message>
        <source>REDCap CSV (to import into REDCap)</source>
        <translation>CSV REDCap (à importer dans REDCap)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Classeur Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV tables for statistics</source>
        <translation>Tables CSV pour les statistiques</translation>
    </message>
    <message>
        <source>SPSS (.sav)</source>
        <translation>SPSS (.sav)</translation>
    </message>
    <message>
        <source>Stata (.dta)</source>
        <translation>Stata (.dta)</translation>
    </message>
    <message>
        <source>R (script and CSV)</source>
        <translation>R (script et CSV)</translation>
    </message>
    <message>
        <source>SAS (program and CSV)</source>
        <translation>SAS (programme et CSV)</translation>
    </message>
    <message>
        <source>CDISC ODM 1.3.2 (.xml)</source>
        <translation>CDISC ODM 1.3.2 (.xml)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Your role exports de-identified data only.</source>
        <translation>Votre rôle n’exporte que des données désidentifiées.</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Shifted by a secret offset per patient</source>
        <translation>Décalées d’un écart secret propre à chaque patient</translation>
    </message>
    <message>
        <source>Days since M0</source>
        <translation>Jours depuis M0</translation>
    </message>
    <message>
        <source>&amp;Keep notes and free text</source>
        <translation>&amp;Garder les notes et le texte libre</translation>
    </message>
    <message>
        <source>Choice &amp;labels instead of codes</source>
        <translation>&amp;Libellés des choix au lieu des codes</translation>
    </message>
    <message>
        <source>Include the &amp;audit trail</source>
        <translation>Inclure la piste d’&amp;audit</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>Da&amp;tes:</source>
        <translation>Da&amp;tes :</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>&amp;De-identified (identifiers removed, record ids replaced, dates as chosen below)</source>
        <translation>&amp;Désidentifié (identifiants retirés, numéros de patient remplacés, dates comme choisi ci-dessous)</translation>
    </message>
</context>
<context>
    <name>FieldHistoryDialog</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
</context>
<context>
    <name>DoubleEntryWorklistModel</name>
    <message>
        <source>Last change</source>
        <translation>Modifié le</translation>
    </message>
</context>
<!-- /guiexports -->
<!-- guifixes -->
<context>
    <name>ReportsMenu</name>
    <message>
        <source>&amp;Patient timeline (PDF)…</source>
        <translation>Chronologie du &amp;patient (PDF)…</translation>
    </message>
    <message>
        <source>&amp;All patients&apos; timelines (PDF)…</source>
        <translation>Chronologies de &amp;tous les patients (PDF)…</translation>
    </message>
    <message>
        <source>Study &amp;figures (PDF)…</source>
        <translation>&amp;Figures de l’étude (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Export data (Excel, REDCap CSV, SPSS, Stata, R, SAS, ODM…)…</source>
        <translation>&amp;Exporter les données (Excel, CSV REDCap, SPSS, Stata, R, SAS, ODM…)…</translation>
    </message>
    <message>
        <source>&amp;Import REDCap CSV or ODM…</source>
        <translation>&amp;Importer un CSV REDCap ou un ODM…</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; &amp;nbsp; {1}&lt;br&gt;Entry 1 by {2}, entry 2 by {3}: {4} fields compared, {5} different.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; &amp;nbsp; {1}&lt;br&gt;Saisie 1 par {2}, saisie 2 par {3} : {4} champ(s) comparé(s), {5} discordant(s).</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>{field}: {name} is {size}; a file field takes files of at most {limit} [rule: file size]</source>
        <translation>{field} : {name} fait {size} ; un champ fichier prend des fichiers de {limit} au plus [règle : taille de fichier]</translation>
    </message>
    <message>
        <source>{target} is the study database itself: writing there would destroy the study. Choose another file name.</source>
        <translation>{target} est la base de l’étude elle-même : y écrire détruirait l’étude. Choisissez un autre nom de fichier.</translation>
    </message>
    <message>
        <source>{target} is the study database&apos;s {suffix} file (SQLite&apos;s journal, part of the study database): writing there would damage it. Choose another file name.</source>
        <translation>{target} est le fichier {suffix} de la base de l’étude (le journal de SQLite, une partie de la base) : y écrire l’endommagerait. Choisissez un autre nom de fichier.</translation>
    </message>
    <message>
        <source>{target} is in the study&apos;s backups folder {backups}: vo-crf keeps that folder for its backups only. Choose another folder.</source>
        <translation>{target} est dans le dossier des sauvegardes de l’étude {backups} : vo-crf réserve ce dossier à ses sauvegardes. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>{target} is a folder: give a file name</source>
        <translation>{target} est un dossier : indiquez un nom de fichier</translation>
    </message>
    <message>
        <source>{target} is an SQLite database (perhaps a study database): an export never replaces a database. Choose another file name.</source>
        <translation>{target} est une base SQLite (peut-être une base d’étude) : un export ne remplace jamais une base. Choisissez un autre nom de fichier.</translation>
    </message>
    <message>
        <source>{target} already exists: choose another name, or confirm replacing it (--force on the command line)</source>
        <translation>{target} existe déjà : choisissez un autre nom, ou confirmez son remplacement (--force en ligne de commande)</translation>
    </message>
    <message>
        <source>record {record} already exists</source>
        <translation>le patient {record} existe déjà</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>nom d’utilisateur ou mot de passe incorrect</translation>
    </message>
    <message>
        <source>the account {username} is deactivated</source>
        <translation>le compte {username} est désactivé</translation>
    </message>
    <message>
        <source>too many failed logins: the account is locked for {minutes} more minute(s)</source>
        <translation>trop d’échecs de connexion : le compte est verrouillé pour encore {minutes} minute(s)</translation>
    </message>
    <message>
        <source>too many failed logins: the account is locked</source>
        <translation>trop d’échecs de connexion : le compte est verrouillé</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation>le fichier n’est pas du texte UTF-8</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <source>the file changed while it was being imported: import it again</source>
        <translation>le fichier a changé pendant son import : importez-le à nouveau</translation>
    </message>
    <message>
        <source>not a CDISC ODM file (root element {element}; expected ODM in namespace {namespace})</source>
        <translation>ce n’est pas un fichier CDISC ODM (élément racine {element} ; attendu : ODM dans l’espace de noms {namespace})</translation>
    </message>
    <message>
        <source>the first column must be {name}</source>
        <translation>la première colonne doit être {name}</translation>
    </message>
    <message>
        <source>column appears twice</source>
        <translation>colonne présente deux fois</translation>
    </message>
    <message>
        <source>unknown column</source>
        <translation>colonne inconnue</translation>
    </message>
    <message>
        <source>unknown column (checkbox columns are {name}___&lt;code&gt;)</source>
        <translation>colonne inconnue (les colonnes d’une case à cocher sont {name}___&lt;code&gt;)</translation>
    </message>
    <message>
        <source>the study has several events: the column is required</source>
        <translation>l’étude a plusieurs événements : la colonne est obligatoire</translation>
    </message>
    <message>
        <source>{values} values for {columns} columns</source>
        <translation>{values} valeurs pour {columns} colonnes</translation>
    </message>
    <message>
        <source>the record id is blank</source>
        <translation>le numéro du patient est vide</translation>
    </message>
    <message>
        <source>{message} [rule: {rule}]</source>
        <translation>{message} [règle : {rule}]</translation>
    </message>
    <message>
        <source>unknown event {event}</source>
        <translation>événement inconnu {event}</translation>
    </message>
    <message>
        <source>unknown data access group {group} (known: {known})</source>
        <translation>groupe d’accès aux données inconnu {group} (connus : {known})</translation>
    </message>
    <message>
        <source>{form} is not a repeating form of {event}</source>
        <translation>{form} n’est pas un formulaire répété de {event}</translation>
    </message>
    <message>
        <source>{instance} is not a repeat instance number (1, 2…)</source>
        <translation>{instance} n’est pas un numéro de répétition (1, 2…)</translation>
    </message>
    <message>
        <source>a repeat instance needs redcap_repeat_instrument</source>
        <translation>un numéro de répétition demande redcap_repeat_instrument</translation>
    </message>
    <message>
        <source>form {form} is not part of this row ({row})</source>
        <translation>le formulaire {form} ne fait pas partie de cette ligne ({row})</translation>
    </message>
    <message>
        <source>checkbox option must be 0 or 1, not {value}</source>
        <translation>une option de case à cocher vaut 0 ou 1, pas {value}</translation>
    </message>
    <message>
        <source>form status must be 0, 1 or 2, not {value}</source>
        <translation>le statut du formulaire vaut 0, 1 ou 2, pas {value}</translation>
    </message>
    <message>
        <source>import refused, nothing was stored:</source>
        <translation>import refusé, rien n’a été enregistré :</translation>
    </message>
    <message>
        <source>line {line}, column {number} ({column}): {message}</source>
        <translation>ligne {line}, colonne {number} ({column}) : {message}</translation>
    </message>
    <message>
        <source>line {line}, field {column}: {message}</source>
        <translation>ligne {line}, champ {column} : {message}</translation>
    </message>
    <message>
        <source>line {line}: {message}</source>
        <translation>ligne {line} : {message}</translation>
    </message>
    <message>
        <source>... and {count} more</source>
        <translation>... et {count} de plus</translation>
    </message>
</context>
<!-- /guifixes -->
<!-- wording -->
<context>
    <name>CoreMessages</name>
    <message>
        <source>record id {record}: use letters, digits, '-', '_' or '.' only, at most 100 characters</source>
        <translation>identifiant {record} : lettres, chiffres, '-', '_' ou '.' seulement, 100 caractères au plus</translation>
    </message>
    <message>
        <source>unknown site {site} (known: {known})</source>
        <translation>site inconnu {site} (connus : {known})</translation>
    </message>
    <message>
        <source>{username} ({role}) is not allowed to {action}</source>
        <translation>{username} ({role}) n’a pas le droit de {action}</translation>
    </message>
    <message>
        <source>a query on {field} needs a text saying what to check</source>
        <translation>une requête sur {field} demande un texte disant quoi vérifier</translation>
    </message>
    <message>
        <source>correcting a value needs a reason for the change</source>
        <translation>corriger une valeur demande une raison de la modification</translation>
    </message>
    <message>
        <source>{field} already holds {value}: answer without a correction</source>
        <translation>{field} contient déjà {value} : répondez sans correction</translation>
    </message>
    <message>
        <source>query #{query} is {status}: only a query that is open can be answered</source>
        <translation>la requête n° {query} est {status} : seule une requête ouverte peut recevoir une réponse</translation>
    </message>
    <message>
        <source>query #{query} is {status}: only a query that is open or answered can be closed</source>
        <translation>la requête n° {query} est {status} : seule une requête ouverte ou répondue peut être clôturée</translation>
    </message>
    <message>
        <source>query #{query} is {status}: only a query that is answered or closed can be re-opened</source>
        <translation>la requête n° {query} est {status} : seule une requête répondue ou clôturée peut être rouverte</translation>
    </message>
    <message>
        <source>the text is empty: write an answer</source>
        <translation>le texte est vide : écrivez une réponse</translation>
    </message>
    <message>
        <source>the text is empty: write a reason to re-open</source>
        <translation>le texte est vide : écrivez la raison de la réouverture</translation>
    </message>
    <message>
        <source>no query #{query}</source>
        <translation>aucune requête n° {query}</translation>
    </message>
    <message>
        <source>view data</source>
        <translation>voir les données</translation>
    </message>
    <message>
        <source>view identifiers</source>
        <translation>voir les identifiants</translation>
    </message>
    <message>
        <source>edit data</source>
        <translation>modifier les données</translation>
    </message>
    <message>
        <source>create record</source>
        <translation>créer un patient</translation>
    </message>
    <message>
        <source>delete instance</source>
        <translation>supprimer une répétition</translation>
    </message>
    <message>
        <source>import</source>
        <translation>importer</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>vérifier</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>verrouiller</translation>
    </message>
    <message>
        <source>esign</source>
        <translation>signer électroniquement</translation>
    </message>
    <message>
        <source>unlock</source>
        <translation>déverrouiller</translation>
    </message>
    <message>
        <source>export deidentified</source>
        <translation>exporter des données désidentifiées</translation>
    </message>
    <message>
        <source>export identified</source>
        <translation>exporter des données identifiantes</translation>
    </message>
    <message>
        <source>report</source>
        <translation>produire des rapports</translation>
    </message>
    <message>
        <source>view audit</source>
        <translation>voir la piste d’audit</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>gérer les utilisateurs</translation>
    </message>
    <message>
        <source>raise query</source>
        <translation>ouvrir une requête</translation>
    </message>
    <message>
        <source>answer query</source>
        <translation>répondre à une requête</translation>
    </message>
    <message>
        <source>close query</source>
        <translation>clôturer une requête</translation>
    </message>
    <message>
        <source>adjudicate</source>
        <translation>arbitrer</translation>
    </message>
    <message>
        <source>amend study</source>
        <translation>amender l’étude</translation>
    </message>
    <message>
        <source>form {form} is not entered twice in this study (project.json double_data_entry_forms)</source>
        <translation>le formulaire {form} n’est pas saisi deux fois dans cette étude (double_data_entry_forms de project.json)</translation>
    </message>
    <message>
        <source>{form} at {event} of {record} is {status}: edit it as an ordinary form</source>
        <translation>{form} à {event} de {record} est {status} : modifiez-le comme un formulaire ordinaire</translation>
    </message>
    <message>
        <source>both entries of {form} at {event} of {record} are already made (by {first} and {second}): a third user cannot enter it</source>
        <translation>les deux saisies de {form} à {event} de {record} sont déjà faites (par {first} et {second}) : un troisième utilisateur ne peut pas la saisir</translation>
    </message>
    <message>
        <source>{user} made entry {own} of {form} at {event} of {record}: the same user cannot make entry {wanted} too (it must be another user)</source>
        <translation>{user} a fait la saisie {own} de {form} à {event} de {record} : le même utilisateur ne peut pas faire aussi la saisie {wanted} (elle revient à un autre utilisateur)</translation>
    </message>
    <message>
        <source>entry {wanted} of {form} at {event} of {record} is not free: the next entry is entry {free}</source>
        <translation>la saisie {wanted} de {form} à {event} de {record} n’est pas libre : la prochaine saisie est la saisie {free}</translation>
    </message>
    <message>
        <source>{user} made entry {own} of {form} at {event} of {record}: an entrant can neither see the other entry nor adjudicate</source>
        <translation>{user} a fait la saisie {own} de {form} à {event} de {record} : qui saisit ne peut ni voir l’autre saisie ni arbitrer</translation>
    </message>
    <message>
        <source>{form} at {event} of {record} is {status}: both entries must be Complete before adjudication</source>
        <translation>{form} à {event} de {record} est en état « {status} » : les deux saisies doivent être complètes avant l’arbitrage</translation>
    </message>
    <message>
        <source>{fields}: not compared fields of {form} at {event} of {record}</source>
        <translation>{fields} : champs non comparés de {form} à {event} de {record}</translation>
    </message>
    <message>
        <source>{fields}: both entries agree; change the value after adjudication, with a reason</source>
        <translation>{fields} : les deux saisies concordent ; modifiez la valeur après l’arbitrage, avec une raison</translation>
    </message>
    <message>
        <source>resolve every difference first: {fields} has no final value</source>
        <translation>résolvez d’abord chaque différence : {fields} n’a pas de valeur finale</translation>
    </message>
    <message>
        <source>resolve every difference first: {fields} have no final value</source>
        <translation>résolvez d’abord chaque différence : {fields} n’ont pas de valeur finale</translation>
    </message>
    <message>
        <source>give a reason for the adjudication (e.g. 'checked against the source document')</source>
        <translation>donnez une raison pour l’arbitrage (p. ex. « vérifié sur le document source »)</translation>
    </message>
    <message>
        <source>{backup} is a backup of another study database, not of {database}: nothing was changed</source>
        <translation>{backup} est la sauvegarde d’une autre base d’étude, pas de {database} : rien n’a été modifié</translation>
    </message>
    <message>
        <source>cannot tell whether {backup} belongs to the study database {database}: restore a backup from {folder}; nothing was changed</source>
        <translation>impossible de savoir si {backup} appartient à la base d’étude {database} : restaurez une sauvegarde de {folder} ; rien n’a été modifié</translation>
    </message>
    <message>
        <source>no backup file at {backup}</source>
        <translation>aucun fichier de sauvegarde à {backup}</translation>
    </message>
    <message>
        <source>{backup} fails the integrity check ({problem}): choose another backup</source>
        <translation>{backup} échoue au contrôle d’intégrité ({problem}) : choisissez une autre sauvegarde</translation>
    </message>
    <message>
        <source>{backup} is not a vo-crf study database</source>
        <translation>{backup} n’est pas une base d’étude vo-crf</translation>
    </message>
    <message>
        <source>{backup} is refused: {problem}; nothing was restored or changed</source>
        <translation>{backup} est refusée : {problem} ; rien n’a été restauré ni modifié</translation>
    </message>
    <message>
        <source>the backup and the database are the same file</source>
        <translation>la sauvegarde et la base sont le même fichier</translation>
    </message>
    <message>
        <source>{database} is open in vo-crf or another program ({problem}): close it everywhere, then restore again; nothing was changed</source>
        <translation>{database} est ouverte dans vo-crf ou un autre programme ({problem}) : fermez-la partout, puis restaurez à nouveau ; rien n’a été modifié</translation>
    </message>
    <message>
        <source>{database} is open in vo-crf or another program: close it everywhere, then restore again; nothing was changed</source>
        <translation>{database} est ouverte dans vo-crf ou un autre programme : fermez-la partout, puis restaurez à nouveau ; rien n’a été modifié</translation>
    </message>
    <message>
        <source>the site and the central database are the same database</source>
        <translation>le site et la base centrale sont la même base</translation>
    </message>
    <message>
        <source>cannot open the central database: {problem}</source>
        <translation>impossible d’ouvrir la base centrale : {problem}</translation>
    </message>
    <message>
        <source>this database has no site code yet: an admin sets it once with 'vo-crf sync setup --db DB --user NAME --site CODE'</source>
        <translation>cette base n’a pas encore de code de site : un administrateur le fixe une fois avec 'vo-crf sync setup --db DB --user NAME --site CODE'</translation>
    </message>
    <message>
        <source>the central database is itself site {site}: give the URL of the central database</source>
        <translation>la base centrale est elle-même le site {site} : donnez l’URL de la base centrale</translation>
    </message>
    <message>
        <source>the site and the central database hold different study definitions: load the same definition on both first</source>
        <translation>le site et la base centrale ont des définitions d’étude différentes : chargez d’abord la même définition des deux côtés</translation>
    </message>
    <message>
        <source>site code {code}: use letters and digits (e.g. 1 or 01)</source>
        <translation>code de site {code} : utilisez des lettres et des chiffres (p. ex. 1 ou 01)</translation>
    </message>
    <message>
        <source>this database is already site {site}; a site code cannot be changed</source>
        <translation>cette base est déjà le site {site} ; un code de site ne peut pas être changé</translation>
    </message>
    <message>
        <source>a reason is required to resolve a conflict</source>
        <translation>résoudre un conflit demande une raison</translation>
    </message>
    <message>
        <source>no sync conflict #{conflict}</source>
        <translation>aucun conflit de synchronisation n° {conflict}</translation>
    </message>
    <message>
        <source>sync conflict #{conflict} is already resolved</source>
        <translation>le conflit de synchronisation n° {conflict} est déjà résolu</translation>
    </message>
    <message>
        <source>the value of conflict #{conflict} no longer exists</source>
        <translation>la valeur du conflit n° {conflict} n’existe plus</translation>
    </message>
    <message>
        <source>record {record} no longer exists</source>
        <translation>le patient {record} n’existe plus</translation>
    </message>
    <message>
        <source>the form was deleted at the other site: delete it here (with a reason) or keep the local form</source>
        <translation>le formulaire a été supprimé sur l’autre site : supprimez-le ici (avec une raison) ou gardez le formulaire local</translation>
    </message>
    <message>
        <source>the database's definition is now version {latest}, not {version}: load the amendment again</source>
        <translation>la définition de la base est maintenant la version {latest}, pas la {version} : chargez l’amendement à nouveau</translation>
    </message>
    <message>
        <source>{record} {event}: {target} already holds {held}, so the value {value} of {field} cannot move there; map {field} to another field or to null</source>
        <translation>{record} {event} : {target} contient déjà {held}, la valeur {value} de {field} ne peut donc pas y aller ; associez {field} à un autre champ ou à null</translation>
    </message>
    <message>
        <source>{record} {event} {form} #{instance} still holds values: map its fields first</source>
        <translation>{record} {event} {form} n° {instance} contient encore des valeurs : associez d’abord ses champs</translation>
    </message>
    <message>
        <source>the drive holding {folder} is read-only (mounted read-only)</source>
        <translation>le disque qui contient {folder} est en lecture seule (monté en lecture seule)</translation>
    </message>
    <message>
        <source>{user} has no permission to write in the folder {folder}</source>
        <translation>{user} n’a pas le droit d’écrire dans le dossier {folder}</translation>
    </message>
    <message>
        <source>{user} has no permission to write to {path} (the file is read-only)</source>
        <translation>{user} n’a pas le droit d’écrire dans {path} (le fichier est en lecture seule)</translation>
    </message>
    <message>
        <source>the disk holding {folder} is full ({free} free)</source>
        <translation>le disque qui contient {folder} est plein ({free} libres)</translation>
    </message>
    <message>
        <source>cannot use the study database {database}: {problem}. vo-crf needs to write beside the database (its journal), even to read it. This is not damage to the database and nothing was changed: free some space, make the drive writable or copy the database to a writable folder, then try again.</source>
        <translation>impossible d’utiliser la base de l’étude {database} : {problem}. vo-crf doit écrire à côté de la base (son journal), même pour la lire. La base n’est pas endommagée et rien n’a été modifié : libérez de la place, rendez le disque accessible en écriture ou copiez la base dans un dossier accessible en écriture, puis réessayez.</translation>
    </message>
    <message>
        <source>record {record} was created separately at two sites (by {here} and by {there}): each site must create only its own site's study numbers; nothing was synced</source>
        <translation>le patient {record} a été créé séparément sur deux sites (par {here} et par {there}) : chaque site ne crée que les numéros d’étude de son propre site ; rien n’a été synchronisé</translation>
    </message>
    <message>
        <source>record {record} is unknown here and was not sent</source>
        <translation>le patient {record} est inconnu ici et n’a pas été envoyé</translation>
    </message>
</context>
<context>
    <name>QueryLabels</name>
    <message>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
</context>
<!-- /wording -->
</TS>
