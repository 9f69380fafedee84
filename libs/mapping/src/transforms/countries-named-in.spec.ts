import { countriesNamedIn } from './countries-named-in';

describe(countriesNamedIn.name, () => {
  it.each<[string, string[]]>([
    // The forms the UN list really writes addresses in.
    ['Agadez, Niger', ['NE']],
    ['Tessalit, région de Kidal, MALI', ['ML']],
    ['Northern Burkina Faso', ['BF']],
    ['Mali-Niger border area', ['ML', 'NE']],
    ['Est du Burkina Faso', ['BF']],
    ['Rue 12, Gao, Mali', ['ML']],
    ['Région du Lac, Tchad', ['TD']],
    ['Nouakchott, Mauritanie', ['MR']],
    ['Sahel region', []],
    // The last part names the country: "Niger State" inside Nigeria is not Niger.
    ['Minna, Niger State, Nigeria', ['NG']],
    ['Bissau, Guinea-Bissau', ['GW']],
    // Short words are not read as codes ("Ne", "Td", "Mar" would be NE, TD, MA).
    ['Rue de la Ne, Tripoli, Libya', ['LY']],
    ['Td Street, Karachi', []],
    ['', []],
  ])('%p names %p', (address, countries) => {
    expect(countriesNamedIn(address)).toEqual(countries);
  });
});
