// Word tables for the person-name detector. Data, not logic: extend freely.

/** Titles that come before a name: "Mr Smith", "Cllr Derek Malham", "PC Amy Jones". */
export const HONORIFICS = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'cllr',
  'councillor',
  'rev',
  'reverend',
  'canon',
  'father',
  'judge',
  'justice',
  'recorder',
  'pc',
  'dc',
  'ds',
  'di',
  'dci',
  'dsu',
  'sgt',
  'sergeant',
  'inspector',
  'constable',
  'det',
  'detective',
  'superintendent',
  'officer',
  'coroner',
  'captain',
  'capt',
  'major',
  'colonel',
  'mp',
  'baroness',
  'baron',
];

/** Common given names in the UK (a sample; a full first word of a name is enough). */
export const GIVEN_NAMES = `
aaron abdul abigail adam adrian ahmed aidan aisha alan alex alexander alexandra alfie alice
alison amanda amber amelia amir amy andrea andrew angela anita ann anna anne annie anthony
archie arthur asha ashley aurora austin barbara barry beatrice ben benjamin beth bethany
bill billy bob brenda brian bridget callum cameron carl carol caroline catherine charles
charlie charlotte chloe chris christine christopher claire clara colin connor craig daisy
dale daniel danielle darren david dean deborah declan denise derek diane dominic donna
dorothy duncan dylan edward eileen elaine eleanor elena eliza elizabeth ella ellie emily
emma eric erin ethan eve evelyn faith farah fatima finley fiona florence frances francesca
frank freddie freya gail gareth gary gavin gemma george georgia gerald gillian gordon grace
graham hannah harriet harry harvey hassan hayley hazel heather helen henry holly hugh ian
imran isaac isabel isabella isla ivy jack jacob jake james jamie jan jane janet jasmine jason
jean jennifer jenny jeremy jessica jill joan joanna joe joel john jonathan jordan joseph josh
joshua joyce judith julia julie june justin karen kate katherine kathleen katie kayleigh keith
kelly kenneth kerry kevin khalid kieran kim kirsty laura lauren lawrence leah lee leo leon
lewis liam lily linda lindsay lisa logan lois louise lucas lucy luke lydia lynn mabel maisie
malcolm marcus margaret maria marie mark martin martha mary matthew maureen max megan
melanie mia michael michelle mike mohammed mohammad muhammad molly nadia naomi natalie
nathan neil nicholas nicola nigel niamh noah nora oliver olivia oscar owen pamela patricia
patrick paul paula pauline penny peter philip phoebe poppy priya rachel rajesh ravi rebecca
reece rhys richard rita robert robin rosa rose rosie ross ruby ruth ryan sadie sally sam
samantha samuel sandra sara sarah scarlett scott sean shaun sharon sheila simon sophia sophie
stacey stanley stella stephanie stephen steven stuart susan suzanne sylvia tara teresa terry
theo thomas tim timothy toby tom tony tracey tracy trevor valerie vanessa victoria vincent
wayne wendy william yasmin yusuf zach zara zoe
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

/** Capitalised words that end a run of name words: places, institutions, days and months. */
export const NOT_NAME_WORDS = `
court courts council police crown magistrates magistrates' high street road lane avenue close
school college academy university hospital church chapel club borough county city town
village hall centre center party ltd limited plc news bbc itv the a an and of in on at for to
with by from monday tuesday wednesday thursday friday saturday sunday january february march
april july august september october november december christmas easter mp house trust nhs
service services department ministry office primary secondary infants juniors community
library park green square station airport prison coroner's inquest jury judge england wales
london britain british english welsh uk he she they it we you i his her their our said says
but if when while after before this that these those there here then so yet also
`
  .split(/\s+/)
  .filter((w) => w.length > 0);
