/** Cymraeg: ffeiliau tystiolaeth (tudalennau’r adroddwr a thudalennau achos staff). */
export const files = {
  'files.label': 'Ychwanegu ffeiliau (dewisol)',
  'files.hint':
    'Lluniau, sgrinluniau, dogfennau neu negeseuon llais. Maen nhw’n cael eu cloi yn eich porwr cyn eu hanfon. Hyd at {perFile} y ffeil, {perCase} ar gyfer yr achos cyfan.',
  'files.remove': 'Tynnu {name}',
  'files.chosen': 'Ffeiliau i’w hanfon',
  'files.tooLarge':
    'Mae {name} yn {size}. Gall ffeiliau fod hyd at {limit} yr un, felly nid yw wedi’i hychwanegu.',
  'files.caseFull':
    'Mae’r ffeiliau hyn yn dod i {size}. Gall achos ddal hyd at {limit} o ffeiliau, felly nid yw {name} wedi’i hychwanegu.',
  'files.tooMany': 'Gallwch anfon hyd at {max} ffeil ar y tro.',
  'files.refused': 'Gwrthododd y gweinydd {name}: {reason}',
  'files.removed': 'Tynnwyd o {name} cyn ei anfon: {what}.',
  'files.removedNothing': '{name}: ni chafwyd hyd i fanylion cudd.',
  'files.what.location': 'y lleoliad lle cafodd ei dynnu (GPS)',
  'files.what.camera': 'gwneuthuriad a model y camera neu’r ffôn',
  'files.what.serial': 'rhif cyfresol y camera',
  'files.what.time': 'y dyddiad a’r amser',
  'files.what.exif': 'manylion eraill y camera (EXIF)',
  'files.what.xmp': 'manylion golygu (XMP)',
  'files.what.iptc': 'capsiynau a manylion yr awdur (IPTC)',
  'files.what.comment': 'sylwadau',
  'files.what.text': 'nodiadau testun megis awdur neu ddisgrifiad',
  'files.warn.document':
    'Dogfen yw {name}. Gall dogfennau ddal enw’r awdur, enw’r cyfrifiadur, fersiynau cynharach a sylwadau, ac ni all y porwr hwn eu tynnu. Os gallai hynny eich adnabod, tynnwch y ffeil, neu cadwch gopi hebddyn nhw (er enghraifft, argraffwch hi i PDF newydd) ac ychwanegwch hwnnw yn lle.',
  'files.warn.media':
    'Recordiad fideo neu sain yw {name}. Gall recordiadau ddal y lle a’r amser y cawson nhw eu gwneud a’r ddyfais a’u gwnaeth, ac ni all y porwr hwn eu tynnu. Os gallai hynny eich adnabod, tynnwch y ffeil.',
  'files.warn.image':
    'Mae {name} yn fath o lun na all y porwr hwn ei lanhau. Gall ddal y lle a’r amser y cafodd ei dynnu a’r ddyfais a’i tynnodd. Os gallai hynny eich adnabod, tynnwch ef, neu anfonwch sgrinlun ohono yn lle.',
  'files.uploading': 'Yn anfon {name}: {done} o {total}',
  'files.timeLeft': 'tua {time} ar ôl',
  'files.waiting':
    'Collwyd y cysylltiad. Bydd yr anfon yn parhau pan fydd yn ôl; cadwch y dudalen hon ar agor.',
  'files.uploaded': 'Anfonwyd {name}.',
  'files.uploadFailed':
    'Nid oedd modd anfon {name}. Ni anfonwyd eich neges chwaith; rhowch gynnig arall arni.',
  'files.keepOpen':
    'Mae eich ffeiliau’n cael eu hanfon. Cadwch y dudalen hon ar agor nes eu bod wedi gorffen.',
  'files.reportFiles': 'Ffeiliau a anfonwyd gyda’r adroddiad',
  'files.reportFilesDone': 'Anfonwyd eich ffeiliau gyda’r adroddiad.',
  'files.reportFilesFailed':
    'Anfonwyd eich adroddiad, ond nid y ffeiliau. Agorwch eich achos gyda’ch allwedd achos ac ychwanegwch nhw yno.',
  'files.attached': 'Ffeiliau',
  'files.download': 'Lawrlwytho {name}',
  'files.downloading': 'Yn agor {name}: {done} o {total}',
  'files.damaged': 'Nid oedd modd agor {name} ac ni chadwyd dim. {reason}',
  'files.downloadFailed':
    'Nid oedd modd nôl {name}. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  'files.seconds': '{n} eiliad',
  'files.minutes': '{n} munud'
} as const;
