/**
 * Common English and chat words. They are never "corrected" into a coin or a command (so
 * "tell" does not become "sell", "done" does not become "doge"), a listed ticker spelled like
 * one of them ("NEAR", "LINK", "MOVE") needs the sentence to say it is a coin, and an unknown
 * word in a coin's place is only reported as a possible coin when it is not one of them.
 */
const WORDS = `
a about above across act action actually add after again against ago ah ahead ai aim air all allow almost alone along
already also alt although always am amazing among amount an and angry animal another answer any anybody anyone anything
anyway anywhere ape apes app apple are area around arrive art as ask asked asking at ate aunt auto available average away
awesome baby back bad bag bags bake ball banana band bank bar base basic basket bat bath be beach bean bear beat beautiful
became because become bed bee been beer before began begin behind being believe bell belong below belt bench best bet better
between big bike bill bird birthday bit bite black blame blood blow blue blur board boat body bold bond bone book boost
born boss both bother bottom bought bowl box boy brain brave bread break breakfast bring broke brother brown build built
bull burn bus bush business busy but buy buying by bye cake call called calm came camel camera can cancer candle cant car
card care careful carry case cash cat catch cause cell center chair chance change channel charge chat cheap check cheese
chess chicken child children choose chose church city class clean clear click climb close closed clothes cloud club coat
code coffee cold color come comes coming common company complete computer cook cool copy corn correct cost could count
country couple course cousin cover cow crash crazy cream cry cup cut cute dad daily damn dance dark data date daughter day
dead deal dear death decide deep degen dent did die diet different dinner dip dirty dish do doctor does dog dogs doing
dollar done dont door dope dose dot double down dream dress drink drive drop dropped dry duck dude dump during each ear
early earn earth easy eat eater edge egg eight either else empty end enjoy enough enter entire even evening event ever every
everybody everyone everything exactly example except excited exit expensive explain eye face fact fail fair fall family
fan far farm fast fat father favorite fear feel feeling feet fell felt few field fight figure fill film final finally
find fine finger finish fire first fish five fix flat flew flight floor flow fly follow food foot for force forget
fork form forward found four free fresh friday friend friends from front fruit full fun funny future gain game garden gas
gave get gets getting gift girl give given glad glass go goal god goes going gold gone good got great green ground group
grow guess guy guys had hair half hall hand hang happen happy hard has hat hate have having he head health hear heard heart
heat heavy hell hello help her here hey hi high him his history hit hold hole home honest hook hope horse hot hour house
how however huge human hungry hurry hurt husband i ice id idea if ill im important in inch inside instead interest into
is it item its job join joke jump just keep kept key kid kids kill kind king kiss kitchen knew know known lady lake land
language large last late later laugh law lay lazy lead learn least leave left leg less lesson let letter lie life light
like line lion list listen little live lol long look lose loss lost lot loud love low luck lunch mad made magic main make
man many map mark marker mask mass match math matter may maybe me mean meat meet meeting meme memes men middle might mile
milk mind mine minute miss mom monday money month moon more morning most mother mountain mouth move movie much music must
my myself name near nearly neck need never new news next nice night nine no nobody noise none noon nope nor normal north
nose not note nothing now number oh ok okay old older on once one only open or orange order other others our out outside
over own page pain paint pair paper parent park part party pass past pay peace pen pencil people pepper perfect person
phone pick picture piece pig pink pipe pizza place plan plane plant play please plus pocket point police poor pope pork
portal positive possible post pot potato power present pretty price pride prime prince prize probably problem promise
pull pump push put question quick quiet quite rain ran rare rather reach read ready real really reason red remember rent
rest rice rich ride right ring rise river road rock room rose round rule run running sad safe said sale salt same sand
saturday save saw say school sea seal season seat second see seem seen self send sense sent serious set seven several
shall share she shell ship shirt shit shoe shop short should shoulder show sick side sign simple since sing single
sister sit six size skin sky sleep slow small smell smile snow so soft sold sole solo some someone something sometimes
son song soon sorry sort sound soup south space speak special spell spend spent sport spring stand star start state stay
step still stock stop store story street strong student study stuff stupid such sugar summer sun sunday super sure swell
sweet swim table tail take taken talk tall taste tea teach teacher team teeth tell ten test than thank thanks that the
their them then there these they thing things think third this those though thought three through thursday time tired to
today together told tomorrow tone too took tool top total touch town toy train tree trip trouble true trust try tuesday
turn tv twice two type ugly uncle under understand until up upon us use used useful usual very visit voice wait wake walk
wall want war warm was wash watch water way we wear weather wednesday week weekend welcome well went were west wet what
wheel when where which while white who whole why wife wild will win wind window wine winter wish with without woman women
wonder wood word work world worry worse worst would write wrong yeah year yellow yes yesterday yet you young your yours
yourself zero
about actually alright anyway awesome bro cool dude fam gm gn haha hehe hmm hodl idk imo imho irl jk lmao lmk lmfao lol
nah nvm omg pls plz ser sup thx ty wagmi ngmi wen yep yup yolo fomo fud rekt lambo moon mooning ser fren gg wp brb afk
hear dish dole dome doze dote lodge dodge wear neat bunk bank booth boost bust dust lint lime line lick lino ship shin
mast many mania also cafe came cane alter older odder limb marked prices single candle parcel bearish bullish whale
whales gem gems shill shilling bags tendies hopium copium mint chad degen wife wallet
`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w !== ''));
