/** Cymraeg: the reporter's pages (landing, report, case key, follow-up). */
export const reporter = {
  'reporter.emergencyTitle': 'Os yw plentyn mewn perygl uniongyrchol',
  'reporter.emergency999': 'Ffoniwch 999 nawr.',
  'reporter.emergencyNspcc': 'Am gyngor, ffoniwch linell gymorth yr NSPCC ar 0808 800 5000.',
  'reporter.emergencyLocal': 'Gwasanaethau plant lleol {organisation}: {phone}.',
  'reporter.emergencyNotService': 'Nid gwasanaeth brys yw’r porth hwn.',
  'reporter.landing.intro':
    'Defnyddiwch y dudalen hon i godi pryder, gwneud cwyn, rhannu pryder am blentyn, neu roi canmoliaeth i {organisation}. Does dim rhaid i chi roi eich enw.',
  'reporter.landing.forTitle': 'Beth gallwch chi ddweud wrthym amdano',
  'reporter.landing.whoTitle': 'Pwy fydd yn ei weld a beth sy’n digwydd nesaf',
  'reporter.landing.who':
    'Dim ond y bobl mae’r sefydliad wedi’u henwi ar gyfer y math hwn o adroddiad all ei ddarllen. Cyn i chi ei anfon, byddwch chi’n gweld yn union pwy ydyn nhw. Os byddwch chi’n enwi rhywun sy’n rhan o’r mater, fyddan nhw ddim yn gallu ei ddarllen.',
  'reporter.landing.timescale': '{track}: cydnabod o fewn {ack}; ateb o fewn {reply}.',
  'reporter.landing.timescaleAck': '{track}: cydnabod o fewn {ack}.',
  'reporter.landing.timescaleNone': '{track}: dim amserlen benodol.',
  'reporter.landing.anonTitle': 'Sut mae eich anhysbysrwydd yn cael ei ddiogelu',
  'reporter.landing.anon1':
    'Mae eich adroddiad yn cael ei gloi yn eich porwr eich hun cyn ei anfon. All y bobl sy’n rhedeg y wefan hon ddim ei ddarllen.',
  'reporter.landing.anon2':
    'Dydyn ni ddim yn defnyddio cwcis, a dydyn ni ddim yn cofnodi eich cyfeiriad rhyngrwyd na’r adeg o’r dydd y byddwch chi’n ymweld. Dim ond y dyddiad rydyn ni’n ei gadw.',
  'reporter.landing.anon3':
    'Byddwch chi’n cael allwedd achos. Dyma’r unig ffordd yn ôl at eich adroddiad: cadwch hi’n ddiogel ac yn breifat.',
  'reporter.landing.limitsTitle': 'Terfynau anhysbysrwydd',
  'reporter.landing.limits1':
    'Gall yr hyn rydych chi’n ei ysgrifennu ddangos pwy ydych chi, er enghraifft os mai dim ond ychydig o bobl a welodd beth ddigwyddodd. Gall ymchwiliad hefyd ddatgelu pwy gododd y pryder.',
  'reporter.landing.limits2':
    'Chi sy’n dewis a ydych chi’n ysgrifennu eich enw neu ffordd o gysylltu â chi. Os ydych chi’n defnyddio dyfais a rennir neu ddyfais waith, gall rhywun weld eich bod wedi ymweld â’r dudalen hon.',
  'reporter.landing.start': 'Dechrau adroddiad',
  'reporter.landing.haveKey': 'Mae gen i allwedd achos',
  'reporter.unit.calendar_days.one': '{n} diwrnod',
  'reporter.unit.calendar_days.other': '{n} diwrnod',
  'reporter.unit.working_days.one': '{n} diwrnod gwaith',
  'reporter.unit.working_days.other': '{n} diwrnod gwaith',
  'reporter.unit.weeks.one': '{n} wythnos',
  'reporter.unit.weeks.other': '{n} wythnos',

  'reporter.track.whistleblowing':
    'Pryder am y ffordd mae pethau’n cael eu gwneud (chwythu’r chwiban)',
  'reporter.track.complaint': 'Cwyn am y gwasanaeth',
  'reporter.track.safeguarding': 'Pryder am ddiogelwch plentyn',
  'reporter.track.compliment': 'Canmoliaeth',
  'reporter.trackShort.whistleblowing': 'Pryder chwythu’r chwiban',
  'reporter.trackShort.complaint': 'Cwyn',
  'reporter.trackShort.safeguarding': 'Pryder diogelu',
  'reporter.trackShort.compliment': 'Canmoliaeth',
  'reporter.category.policy_breach': 'Rhywbeth sy’n torri polisi neu’r cod ymddygiad',
  'reporter.category.below_standards': 'Rhywbeth sy’n is na’r safonau disgwyliedig',
  'reporter.category.criminal': 'Rhywbeth a allai fod yn drosedd',
  'reporter.category.health_safety': 'Risg iechyd a diogelwch',
  'reporter.category.child_risk': 'Risg i blentyn',
  'reporter.category.service': 'Y gwasanaeth ei hun',
  'reporter.category.other': 'Rhywbeth arall',

  'reporter.report.title': 'Gwneud adroddiad',
  'reporter.back': 'Yn ôl',
  'reporter.continue': 'Parhau',
  'reporter.stepOf': 'Cam {n} o {total}',
  'reporter.optional': '(dewisol)',
  'reporter.draftNote':
    'Does dim yn cael ei gadw ar y ddyfais hon. Os byddwch chi’n cau’r dudalen hon, bydd eich drafft yn diflannu.',
  'reporter.q.track': 'Beth hoffech chi ei ddweud wrthym?',
  'reporter.q.category': 'Am beth mae o?',
  'reporter.q.what': 'Beth ddigwyddodd?',
  'reporter.q.whatHint':
    'Dywedwch beth ddigwyddodd yn eich geiriau eich hun. Rhowch unrhyw beth a fyddai’n helpu rhywun i ymchwilio iddo.',
  'reporter.q.whenWhere': 'Pryd a ble ddigwyddodd hyn?',
  'reporter.q.when': 'Pryd',
  'reporter.q.whenHint':
    'Er enghraifft, “Dydd Sadwrn 14 Tachwedd, wrth drosglwyddo” neu “dros sawl wythnos”.',
  'reporter.q.where': 'Ble',
  'reporter.q.involved': 'Pwy sy’n rhan o hyn?',
  'reporter.q.involvedHint':
    'Dewiswch unrhyw un yma sy’n rhan o hyn. Fyddan nhw ddim yn gallu darllen eich adroddiad.',
  'reporter.q.involvedOthers': 'Unrhyw un arall sy’n rhan o hyn',
  'reporter.q.involvedOthersHint':
    'Enwau neu ddisgrifiadau o bobl sydd ddim ar y rhestr. Dim ond y bobl sy’n darllen eich adroddiad fydd yn gweld hyn.',
  'reporter.q.aboutStaff': 'Ydy o’n ymwneud ag aelod o staff neu wirfoddolwr?',
  'reporter.q.aboutStaffHint':
    'Os felly, efallai y bydd angen i swyddog yr awdurdod lleol sy’n delio â honiadau yn erbyn staff (y LADO) wybod.',
  'reporter.yes': 'Ydy',
  'reporter.no': 'Nac ydy',
  'reporter.unsure': 'Dwi ddim yn siŵr',
  'reporter.q.othersKnow': 'Oes unrhyw un arall yn gwybod am hyn?',
  'reporter.q.othersKnowHint':
    'Er enghraifft, a ydych chi wedi dweud wrth unrhyw un arall neu sefydliad arall.',
  'reporter.q.outcome': 'Beth hoffech chi ei weld yn digwydd?',
  'reporter.q.contact': 'Eich enw neu ffordd o gysylltu â chi',
  'reporter.q.contactWarning':
    'Does dim rhaid i chi roi hwn. Os gwnewch chi, bydd y bobl sy’n darllen eich adroddiad yn gwybod pwy ydych chi. Bydd atebion bob amser ar dudalen eich achos, beth bynnag rydych chi’n ei ddewis.',
  'reporter.error.track': 'Dewiswch beth hoffech chi ei ddweud wrthym',
  'reporter.error.category': 'Dewiswch am beth mae o',
  'reporter.error.what': 'Dywedwch wrthym beth ddigwyddodd',

  'reporter.preview.title': 'Pwy fydd yn darllen eich adroddiad',
  'reporter.preview.checking': 'Yn gwirio allweddi’r sefydliad…',
  'reporter.preview.will': 'Bydd y bobl hyn yn gallu ei ddarllen',
  'reporter.preview.willNot': 'Fydd y bobl hyn ddim yn gallu ei ddarllen',
  'reporter.preview.nobody':
    'All neb dderbyn yr adroddiad hwn ar hyn o bryd. Ychwanegwch sefydliad allanol isod, neu cysylltwch â’r sefydliad mewn ffordd arall.',
  'reporter.preview.fingerprint': 'Ôl bys yr allwedd',
  'reporter.preview.fingerprintHint':
    'Gallwch gymharu hwn â’r sefydliad os ydych chi eisiau bod yn siŵr mai eu hallwedd nhw yw hi.',
  'reporter.preview.organisationKey': 'Allwedd {name}',
  'reporter.preview.organisationKeyHint':
    'Gwiriodd eich porwr bob allwedd uchod yn erbyn yr un hon. Os yw’r sefydliad yn dangos ôl bys ei allwedd (ar boster neu ar ei wefan), dylai fod yr un fath.',
  'reporter.preview.bodies': 'Gallwch hefyd ei anfon at sefydliad allanol',
  'reporter.preview.send': 'Anfon fy adroddiad',
  'reporter.reason.tier': 'Yn delio â’r math hwn o adroddiad',
  'reporter.reason.always': 'Yn cael gwybod am y math hwn o adroddiad bob tro',
  'reporter.reason.include_rule': 'Yn cael gwybod oherwydd pwy sy’n rhan o hyn',
  'reporter.reason.panel': 'Ar y panel',
  'reporter.reason.external_body': 'Sefydliad allanol',
  'reporter.excluded.named_as_involved':
    'Rydych chi wedi enwi’r person hwn fel rhywun sy’n rhan o hyn',
  'reporter.excluded.removed': 'Ddim yn rhan o’r sefydliad bellach',
  'reporter.excluded.not_yet_active': 'Heb orffen ymuno eto',
  'reporter.excluded.on_leave': 'Ar wyliau',
  'reporter.excluded.unsigned_keys': 'Dydy’r sefydliad heb gadarnhau eu hallweddi eto',
  'reporter.excluded.stage2_investigator': 'Wedi ymchwilio yng ngham 2',
  'reporter.excluded.not_on_panel': 'Heb ei ddewis ar gyfer y panel',
  'reporter.excluded.tier_passed_over':
    'Rydych chi wedi enwi rhywun sy’n gweithio’n agos gyda nhw, felly mae’r adroddiad yn mynd at rywun arall',
  'reporter.excluded.lower_tier_used':
    'Dim ond yn cael adroddiadau fel hyn pan na all y bobl o’u blaenau',
  'reporter.excluded.not_in_tier': 'Ddim yn delio â’r math hwn o adroddiad',
  'reporter.excluded.body_offered_not_added': 'Sefydliad allanol y gallwch ei ychwanegu',
  'reporter.excluded.body_not_included': 'Ddim yn rhan o’r math hwn o adroddiad',
  'reporter.body.naccc': 'NACCC (y gymdeithas genedlaethol)',
  'reporter.body.lado': 'Y LADO (swyddog dynodedig yr awdurdod lleol)',
  'reporter.body.childrens_services': 'Gwasanaethau plant',
  'reporter.body.other_body': 'Sefydliad arall',
  'reporter.role.coordinator': 'Cydlynydd',
  'reporter.role.deputy_coordinator': 'Dirprwy gydlynydd',
  'reporter.role.team_leader': 'Arweinydd tîm',
  'reporter.role.chair': 'Cadeirydd',
  'reporter.role.committee_member': 'Aelod o’r pwyllgor',
  'reporter.role.complaints_officer': 'Swyddog cwynion',
  'reporter.role.safeguarding_lead': 'Arweinydd diogelu',
  'reporter.role.deputy_safeguarding_lead': 'Dirprwy arweinydd diogelu',
  'reporter.role.senior_practitioner': 'Uwch ymarferydd',
  'reporter.role.chief_executive': 'Prif weithredwr',
  'reporter.role.safeguarding_manager': 'Rheolwr diogelu',
  'reporter.role.external_member': 'Swyddog',
  'reporter.role.other': 'Staff',

  'reporter.phase.loading': 'Yn paratoi…',
  'reporter.phase.deriving': 'Yn diogelu eich allwedd achos. Mae hyn yn cymryd ychydig eiliadau…',
  'reporter.phase.done': 'Mae’r allweddi’n barod.',
  'reporter.phase.encrypting': 'Yn cloi eich adroddiad…',
  'reporter.phase.sending': 'Yn anfon…',
  'reporter.phase.sent': 'Wedi’i anfon.',
  'reporter.sending.title': 'Yn anfon eich adroddiad',
  'reporter.sendFailed':
    'Doedd dim modd anfon eich adroddiad. Does dim wedi’i golli: rhowch gynnig arall arni.',

  'reporter.key.title': 'Mae eich adroddiad wedi’i anfon',
  'reporter.key.intro':
    'Dyma eich allwedd achos. Dyma’r unig ffordd o ddarllen atebion ac ychwanegu gwybodaeth. Allwn ni ddim ei dangos eto na’i hadfer.',
  'reporter.key.label': 'Allwedd achos',
  'reporter.key.copy': 'Copïo’r allwedd',
  'reporter.key.copied': 'Wedi’i chopïo.',
  'reporter.key.print': 'Argraffu',
  'reporter.key.keep':
    'Ysgrifennwch hi i lawr neu cadwch hi rywle preifat. Peidiwch â’i chadw lle gall pobl eraill ei gweld.',
  'reporter.key.confirm': 'Rydw i wedi cadw fy allwedd achos yn ddiogel',
  'reporter.key.confirmError': 'Cadarnhewch eich bod wedi cadw eich allwedd achos',
  'reporter.key.datesTitle': 'Pryd dylech chi glywed yn ôl',
  'reporter.key.ackBy': 'Cydnabyddiaeth erbyn {date}',
  'reporter.key.replyBy': 'Ateb erbyn {date}',
  'reporter.key.noDates': 'Dydy’r sefydliad hwn heb osod amserlen ar gyfer y math hwn o adroddiad.',
  'reporter.promise.acknowledge': 'Cydnabyddiaeth o fewn {within}',
  'reporter.promise.reply': 'Ateb o fewn {within}',
  'reporter.promise.replyAfterAcknowledged': 'Ateb o fewn {within} i’r gydnabyddiaeth',
  'reporter.promise.replyAfterConcluded': 'Ateb o fewn {within} i ddiwedd yr ymchwiliad',
  'reporter.promise.nextStage':
    'Os nad ydych chi’n fodlon â’r ateb, gallwch ofyn am gam {stage} o fewn {within} i’w gael',
  'reporter.promise.stage': 'Cam {stage}, os byddwch chi’n gofyn amdano',
  'reporter.key.finish': 'Gorffen',
  'reporter.key.done': 'Diolch. Dewch yn ôl gyda’ch allwedd achos i ddarllen atebion.',
  'reporter.key.followUp': 'Mynd i fy achos',

  'reporter.case.title': 'Eich achos',
  'reporter.case.enterTitle': 'Rhowch eich allwedd achos',
  'reporter.case.enterHint':
    'Yr allwedd a gawsoch chi pan anfonoch chi eich adroddiad, er enghraifft ABCDE-12345-…',
  'reporter.case.open': 'Agor fy achos',
  'reporter.case.notFound':
    'Doedd dim modd agor achos gyda’r allwedd honno. Gwiriwch bob nod a rhowch gynnig arall arni.',
  'reporter.case.rateLimited':
    'Gormod o ymdrechion. Arhoswch ychydig funudau a rhowch gynnig arall arni.',
  'reporter.case.status': 'Statws',
  'reporter.case.stage': 'Cam',
  'reporter.case.received': 'Wedi dod i law',
  'reporter.case.kind': 'Math',
  'reporter.case.status.new': 'Wedi dod i law, heb ei gydnabod eto',
  'reporter.case.status.acknowledged': 'Wedi’i gydnabod',
  'reporter.case.status.investigating': 'Yn cael ei ystyried',
  'reporter.case.status.awaiting_reporter': 'Yn aros amdanoch chi',
  'reporter.case.status.responded': 'Wedi ateb',
  'reporter.case.status.escalated': 'Wedi’i gymryd ymhellach',
  'reporter.case.status.closed': 'Wedi cau',
  'reporter.case.yourReport': 'Beth ddywedoch chi wrthym',
  'reporter.case.conversation': 'Negeseuon',
  'reporter.case.noMessages': 'Dim negeseuon eto.',
  'reporter.case.you': 'Chi',
  'reporter.case.unknownSender': 'Rhywun o’r sefydliad',
  'reporter.case.unverified':
    'Rhybudd: doedd dim modd cadarnhau pwy ysgrifennodd y neges hon. Byddwch yn ofalus gyda hi.',
  'reporter.case.system.escalated': 'Cafodd yr achos ei gymryd ymhellach at {who}.',
  'reporter.case.system.stage': 'Symudodd yr achos i gam {stage}.',
  'reporter.case.system.referred': 'Cafodd yr achos ei gyfeirio at {who}.',
  'reporter.case.system.granted': 'Gall {who} ddarllen yr achos nawr.',
  'reporter.case.system.acknowledged': 'Cafodd derbyn eich adroddiad ei gydnabod.',
  'reporter.case.system.status': 'Newidiodd y statws i “{status}”.',
  'reporter.case.system.revoked': 'Ni all {who} ddarllen yr achos mwyach.',
  'reporter.case.serverRecord': 'Wedi’i gofnodi gan y gweinydd, heb ei lofnodi gan neb:',
  'reporter.case.forged':
    'Cafodd rhywbeth nad oes neb wedi’i lofnodi ei ychwanegu yma, felly nid yw’n cael ei ddangos.',
  'reporter.case.chain.complete':
    'Mae hanes eich achos yn gyflawn: mae pob neges wedi’i llofnodi ac yn cysylltu â’r un o’i blaen.',
  'reporter.case.chain.legacy':
    'Caiff negeseuon hŷn eich achos eu gwirio drwy eu llofnodion yn unig.',
  'reporter.case.chain.missing':
    'Mae cofnod ar goll o’ch achos: ni anfonwyd rhywbeth a ysgrifennwyd atoch. Efallai bod rhywun wedi ymyrryd â’r wefan. Cysylltwch â’r sefydliad mewn ffordd arall.',
  'reporter.case.chain.out_of_order':
    'Mae negeseuon eich achos allan o drefn: ni chawsant eu hanfon atoch yn y drefn y cawsant eu hysgrifennu. Efallai bod rhywun wedi ymyrryd â’r wefan.',
  'reporter.case.chain.unsigned':
    'Cafodd rhywbeth nad oes neb wedi’i lofnodi ei ychwanegu at eich achos, felly nid yw’n cael ei ddangos. Efallai bod rhywun wedi ymyrryd â’r wefan.',
  'reporter.case.pinRefused':
    'Rhybudd: nid allwedd y sefydliad yw’r un yr anfonwyd eich adroddiad oddi tani. Efallai bod rhywun wedi ymyrryd â’r wefan, felly nid ymddiriedir yn negeseuon y sefydliad ac ni ellir anfon dim mwy at neb o’r fan hon. Cysylltwch â’r sefydliad mewn ffordd arall.',
  'reporter.case.pinBodyRefused':
    'Rhybudd: nid allwedd sefydliad sy’n helpu gyda’ch achos yw’r un yr anfonwyd eich adroddiad oddi tani. Efallai bod rhywun wedi ymyrryd â’r wefan, felly nid ymddiriedir yn y negeseuon ac ni ellir anfon dim mwy at neb o’r fan hon. Cysylltwch â’r sefydliad mewn ffordd arall.',
  'reporter.case.reply': 'Ateb neu ychwanegu gwybodaeth',
  'reporter.case.replyHint': 'Dim ond y bobl ar eich achos all ddarllen hwn.',
  'reporter.case.send': 'Anfon',
  'reporter.case.sent': 'Mae eich neges wedi’i hanfon.',
  'reporter.case.replyEmpty': 'Ysgrifennwch eich neges',
  'reporter.case.further': 'Mynd â’r mater ymhellach',
  'reporter.case.furtherNone': 'Does unman arall i fynd â’r achos hwn ar hyn o bryd.',
  'reporter.case.furtherConfirm':
    'Bydd y bobl hyn yn cael eu hychwanegu ac yn gallu darllen yr achos cyfan:',
  'reporter.case.furtherSend': 'Cadarnhau a mynd ag ef ymhellach',
  'reporter.case.furtherDone': 'Wedi’i wneud. Mae eich achos wedi’i gymryd ymhellach.',
  'reporter.case.furtherNobody': 'All neb yno ei dderbyn ar hyn o bryd.',
  'reporter.case.cancel': 'Canslo',
  'reporter.case.deadlines': 'Dyddiadau'
} as const;
